package io.vfiorig.cli;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import io.vfiorig.agent.vm.ClasspathShare;
import io.vfiorig.agent.vm.GuestInit;
import io.vfiorig.agent.vm.GuestRequest;
import io.vfiorig.agent.vm.GuestRun;
import io.vfiorig.agent.vm.VirtualHost;
import io.vfiorig.agent.vm.VmDevice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * Safe binding on a real kernel: the guest boots with its devices on their own drivers (edu: none,
 * virtio-net: virtio-pci), and the real {@code rig} command inside it binds them with the journal.
 * One boot of the shared 7.3.4 kernel, four rig JVMs and a probe JVM in it (TCG: ≈ 1-2 min on a quiet host):
 * <ol>
 *   <li>the NIC with an address is refused and stays on virtio-pci;</li>
 *   <li>{@code rig run --bind} binds both, and is SIGKILLed (with its probe, once that JVM exists) mid-run: both stay on vfio-pci,
 *       the journal names their original drivers;</li>
 *   <li>{@code rig restore} while a process holds the NIC's vfio cdev open refuses to unbind (that would block)
 *       and says who holds it; once closed, {@code rig restore} puts both back and removes the journal;</li>
 *   <li>a SIGTERMed {@code rig run --bind} stops its probe and puts both back before it exits.</li>
 * </ol>
 */
public class GuestBindingTest {
    static final String EDU = "0000:01:00.0";
    static final String NIC = "0000:02:00.0";
    static final String PAYLOAD = """
            R="$JAVA_HOME/bin/java --enable-native-access=ALL-UNNAMED -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp $RIG_CP io.vfiorig.cli.Rig"
            E=%s; N=%s; J=/run/vfio-rig/bindings
            drv() { d=/sys/bus/pci/devices/$1; if [ -e $d/driver ]; then basename $(readlink $d/driver); else echo none; fi; }
            kids() { for p in /proc/[0-9]*; do [ "$(cut -d' ' -f4 $p/stat 2>/dev/null)" = $1 ] && echo ${p#/proc/}; done; }
            state() {
              echo "$1 edu=$(drv $E) nic=$(drv $N) override=$(cat /sys/bus/pci/devices/$N/driver_override)"
              echo "$1 at $(cut -d' ' -f1 /proc/uptime) s" >&2
            }
            state start
            $R devices --detail > devices.txt 2>&1
            echo "sysfs nic-group=$(basename $(readlink /sys/bus/pci/devices/$N/iommu_group)) edu-bar0=$(head -n1 /sys/bus/pci/devices/$E/resource | cut -d' ' -f1)"
            nic=$(ls /sys/bus/pci/devices/$N/virtio*/net)
            ip addr add 10.9.9.9/24 dev $nic
            $R run --device vfio:$N --bind --allow $N --timeout PT30S --out /tmp/refused > refused.log 2>&1
            echo "refused exit=$?"; state after-refusal
            ip addr flush dev $nic

            $R run --device vfio:$E --device vfio:$N --bind --allow $E --allow $N --suite smoke --out /tmp/killed > killed.log 2>&1 &
            rig=$!
            # the rig binds before it starts its probe: once the probe JVM exists, kill the rig mid-run
            i=0; while [ -z "$(kids $rig)" ] && [ $i -lt 300 ]; do sleep 1; i=$((i + 1)); done
            state during
            probe=$(kids $rig)
            kill -9 $rig $probe
            wait $rig; echo "killed exit=$? probe=$probe"
            state after-kill
            cp $J journal.txt

            cdev=$(ls /sys/bus/pci/devices/$N/vfio-dev)
            exec 9</dev/vfio/devices/$cdev
            $R restore > restore-held.log 2>&1
            echo "restore-held exit=$?"; state while-held
            exec 9<&-
            $R restore > restore.log 2>&1
            echo "restore exit=$?"; state after-restore
            if [ -e $J ]; then echo journal=left; else echo journal=gone; fi

            $R run --device vfio:$E --device vfio:$N --bind --allow $E --allow $N --suite smoke --out /tmp/termed > termed.log 2>&1 &
            rig=$!
            i=0; while [ -z "$(kids $rig)" ] && [ $i -lt 300 ]; do sleep 1; i=$((i + 1)); done
            state term-during
            kill -TERM $rig
            wait $rig; echo "termed exit=$?"
            state after-term
            if [ -e $J ]; then echo term-journal=left; else echo term-journal=gone; fi
            """.formatted(EDU, NIC);

    private GuestRun run;
    private Map<String, String> states;
    private String out = "";

    @BeforeClass
    public void bindKillAndRestoreInTheGuest() throws Exception {
        Path work = VmKernels.work("binding");
        ClasspathShare cp = ClasspathShare.stage(ClasspathShare.currentClassPath(), work.resolve("classpath"));
        run = new VirtualHost().run(GuestRequest.of(VmKernels.shared(), List.of(new VmDevice.Edu(), new VmDevice.VirtioNet()),
                        PAYLOAD, work)
                .withShares(List.of(cp.share())).withEnv(Map.of("RIG_CP", cp.guestClassPath()))
                // no_timer_check: a heavily loaded TCG host can fail the kernel's IO-APIC timer check at boot
                .withExtraAppend(List.of(GuestInit.LEAVE_DRIVERS, "no_timer_check")).withTimeout(Duration.ofSeconds(900)));
        System.out.println(run.summary());
        out = run.completed() ? run.stdout() : "";
        System.out.println(out + (run.completed() ? run.stderr() : ""));
        states = out.lines().filter(l -> l.contains(" edu=")).collect(Collectors.toMap(l -> l.split(" ")[0], l -> l.substring(l.indexOf(' ') + 1)));
    }

    @Test
    public void theDevicesStartOnTheirOwnDrivers() throws Exception {
        assertTrue(run.completed(), run.summary());
        assertEquals(states.get("start"), "edu=none nic=virtio-pci override=(null)", out);
        assertTrue(run.bindReport().contains(NIC + " 0x1af4:0x1041 virtio-pci"), run.bindReport());
    }

    /** The rig's sysfs discovery against the guest kernel's real sysfs (what the shell reads there). */
    @Test
    public void discoveryReadsTheRealSysfs() throws Exception {
        String devices = read("devices.txt");
        String sysfs = out.lines().filter(l -> l.startsWith("sysfs ")).findFirst().orElseThrow(() -> new AssertionError(out));
        String group = sysfs.replaceAll(".*nic-group=(\\d+).*", "$1");
        long bar0 = Long.decode(sysfs.replaceAll(".*edu-bar0=(\\S+).*", "$1"));
        assertTrue(devices.matches("(?s).*  " + NIC + " +1af4:1041 +020000 +virtio-pci +" + group + " .*"), devices);
        assertTrue(devices.contains("override=- group-members=[" + NIC + "] numa=-1 boot-vga=no"), devices);
        assertTrue(devices.matches("(?s).*  " + EDU + " +1234:11e8 +00ff00 +- +\\d+ +bus\n.*"), devices);
        assertTrue(devices.contains(String.format("BAR0 0x%x size=1048576 mem 32-bit", bar0)), devices);
    }

    @Test
    public void aNicWithAnAddressIsRefusedAndLeftAlone() throws Exception {
        assertTrue(out.contains("refused exit=2\n"), out);
        assertEquals(states.get("after-refusal"), "edu=none nic=virtio-pci override=(null)", out);
        String log = read("refused.log");
        assertTrue(log.contains("refused to bind to vfio-pci (nothing was changed)") && log.contains("has address 10.9.9.9/24")
                && log.contains("--force " + NIC), log);
    }

    @Test
    public void aSigkilledRigLeavesItsDevicesOnVfioPciWithTheJournalNamingTheirDrivers() throws Exception {
        assertEquals(states.get("during"), "edu=vfio-pci nic=vfio-pci override=vfio-pci", out);
        assertTrue(out.contains("killed exit=137 probe="), out);
        assertEquals(states.get("after-kill"), "edu=vfio-pci nic=vfio-pci override=vfio-pci", out);
        List<String> journal = read("journal.txt").lines().filter(l -> !l.startsWith("#")).toList();
        assertEquals(journal.size(), 2, read("journal.txt"));
        assertTrue(journal.get(0).startsWith(EDU + " - - "), journal.toString());
        assertTrue(journal.get(1).startsWith(NIC + " virtio-pci - "), journal.toString());
    }

    @Test
    public void restoreRefusesToUnbindADeviceStillHeldOpenAndSaysWho() throws Exception {
        assertTrue(out.contains("restore-held exit=2\n"), out);
        assertEquals(states.get("while-held"), "edu=none nic=vfio-pci override=vfio-pci", "edu is free, the NIC is held: " + out);
        String log = read("restore-held.log");
        assertTrue(log.contains("NOT restored " + NIC + ": still open (pid ") && log.contains("(sh) holds /dev/vfio/devices/vfio"), log);
    }

    @Test
    public void rigRestoreBringsEveryDeviceBackOnItsOriginalDriver() throws Exception {
        assertTrue(out.contains("restore exit=0\n"), out + read("restore.log"));
        assertEquals(states.get("after-restore"), "edu=none nic=virtio-pci override=(null)", out);
        assertTrue(out.contains("journal=gone"), out);
        assertTrue(read("restore.log").contains("restored " + NIC + ": back on virtio-pci (driver_override none)"), read("restore.log"));
    }

    @Test
    public void sigtermStopsTheProbeAndRestoresBeforeTheRigExits() throws Exception {
        assertEquals(states.get("term-during"), "edu=vfio-pci nic=vfio-pci override=vfio-pci", out);
        assertTrue(out.contains("termed exit=143\n"), out);
        assertEquals(states.get("after-term"), "edu=none nic=virtio-pci override=(null)", out + read("termed.log"));
        assertTrue(out.contains("term-journal=gone"), out);
        assertTrue(read("termed.log").contains("rig: restore " + NIC + ": back on virtio-pci"), read("termed.log"));
    }

    private String read(String name) throws Exception {
        Path p = run.resultsDir().resolve(name);
        return Files.exists(p) ? Files.readString(p) : "";
    }
}
