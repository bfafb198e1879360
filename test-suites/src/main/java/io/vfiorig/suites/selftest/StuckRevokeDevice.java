package io.vfiorig.suites.selftest;

import io.vfiorig.agent.device.Bar;
import io.vfiorig.agent.device.DeviceProfile;
import io.vfiorig.agent.device.DeviceUnderTest;
import io.vfiorig.agent.device.FaultExpectation;
import io.vfiorig.agent.kernel.KernelHang;
import java.util.List;
import java.util.Map;

/**
 * Any device whose revoke really revokes and then never returns, its thread stuck inside the kernel
 * in D state ({@link KernelHang}): the sim's {@code revoke-hang} bug, for every backend.
 */
final class StuckRevokeDevice implements DeviceUnderTest {
    private final DeviceUnderTest device;
    private final KernelHang hang = KernelHang.create();

    StuckRevokeDevice(DeviceUnderTest device) {
        this.device = device;
    }

    @Override
    public void revoke() {
        device.revoke();
        hang.hang();
    }

    /** Frees the stuck thread's kernel side; the device itself stays open for its owner to close. */
    @Override
    public void close() {
        hang.close();
    }

    @Override
    public String name() {
        return device.name();
    }

    @Override
    public String backend() {
        return device.backend();
    }

    @Override
    public DeviceProfile profile() {
        return device.profile();
    }

    @Override
    public Bar primaryBar() {
        return device.primaryBar();
    }

    @Override
    public List<Bar> bars() {
        return device.bars();
    }

    @Override
    public void restore() {
        device.restore();
    }

    @Override
    public void reset() {
        device.reset();
    }

    @Override
    public void closeDeviceFd() {
        device.closeDeviceFd();
    }

    @Override
    public FaultExpectation faultExpectation(Bar bar) {
        return device.faultExpectation(bar);
    }

    @Override
    public Map<String, String> describe() {
        return device.describe();
    }
}
