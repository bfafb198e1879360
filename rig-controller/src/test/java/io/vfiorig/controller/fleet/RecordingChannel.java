package io.vfiorig.controller.fleet;

import java.util.ArrayList;
import java.util.List;

/** The transport's side of {@link OrderChannel} in fleet tests: records what the fleet sent. */
final class RecordingChannel implements OrderChannel {
    final List<RunOrder> sent = new ArrayList<>();

    @Override
    public synchronized boolean send(RunOrder order) {
        sent.add(order);
        return true;
    }

    synchronized List<RunOrder> drain() {
        List<RunOrder> out = List.copyOf(sent);
        sent.clear();
        return out;
    }
}
