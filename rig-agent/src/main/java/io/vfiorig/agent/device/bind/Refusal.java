package io.vfiorig.agent.device.bind;

/**
 * Why the rig will not take a device.
 *
 * @param bdf      the device asked for
 * @param reason   what is wrong ({@code block device sda1 of 0000:00:1f.2 is mounted on /boot})
 * @param fix      what the user can do
 * @param forcible true when {@code --force BDF} overrides it (something in use); an allow-list
 *                 refusal is never forcible
 */
public record Refusal(String bdf, String reason, String fix, boolean forcible) {
    @Override
    public String toString() {
        return bdf + ": " + reason + "; " + fix;
    }
}
