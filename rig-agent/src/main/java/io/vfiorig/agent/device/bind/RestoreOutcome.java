package io.vfiorig.agent.device.bind;

/**
 * What restoring one journaled device did.
 *
 * @param bdf      the device
 * @param restored true when it is on its original driver again and its journal line is gone
 * @param message  what happened, or why not and what to do
 */
public record RestoreOutcome(String bdf, boolean restored, String message) {
    @Override
    public String toString() {
        return bdf + ": " + message;
    }
}
