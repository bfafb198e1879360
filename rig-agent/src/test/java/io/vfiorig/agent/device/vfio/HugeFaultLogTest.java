package io.vfiorig.agent.device.vfio;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import org.testng.annotations.Test;

public class HugeFaultLogTest {
    @Test
    public void parsesTheDebugKernelsFaultLines() {
        // as the debug kernel prints it (kernels/README.md), after KernelLogWatcher.kernelLines strips the prefix
        HugeFaultLog.Fault f = HugeFaultLog.parse("vfio-pci 0000:01:00.0: vfio_pci_mmap_huge_fault(,order = 9) BAR 2"
                + " page offset 0x200: 0x100").orElseThrow();
        assertEquals(f.bdf(), "0000:01:00.0");
        assertEquals(f.order(), 9);
        assertEquals(f.bar(), 2);
        assertEquals(f.pageOffset(), 0x200);
        assertTrue(f.mapped(), "0x100 = VM_FAULT_NOPAGE");
        HugeFaultLog.Fault fallback = HugeFaultLog.parse("vfio-pci 0000:01:00.0: vfio_pci_mmap_huge_fault(,order = 9)"
                + " BAR 0 page offset 0x0: 0x800").orElseThrow();
        assertFalse(fallback.mapped(), "0x800 = VM_FAULT_FALLBACK");
        assertTrue(HugeFaultLog.parse("vfio-pci 0000:01:00.0: something else").isEmpty());
    }
}
