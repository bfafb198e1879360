package io.vfiorig.controller.inventory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything one part of the file declares and another refers to: host names, labels, suites,
 * targets, device models. Binders register as they go (even for half-broken entries, so one typo
 * does not hide the next); {@link #check(Problems)} resolves the references at the end.
 */
final class Names {
    /** Names that must be unique, with what to say about a duplicate. */
    enum Kind {
        HOST("host name", "give each host its own name"),
        AGENT_IDENTITY("agent identity", "give each host its own certificate identity: an agent proves which host it is with it"),
        BDF("PCI address", "list each device of a host once"),
        LABEL("device label", "labels name devices lab-wide: give each device its own"),
        VIRTUAL_HOST("virtual host name", "give each virtual host its own name"),
        SIMULATED("simulated device", "list each simulated device spec once"),
        SUITE("suite name", "give each suite its own name"),
        BASELINE("baseline", "keep one baseline per device model and suite");

        final String what;
        final String fix;

        Kind(String what, String fix) {
            this.what = what;
            this.fix = fix;
        }
    }

    private static final String[] DEVICE_SECTIONS = {"hosts", "virtual-hosts", "simulated"};

    private record Ref(String name, Node at) {}

    private record Scheduled(String target, Node at, List<String> suites) {}

    private final Map<Kind, Map<String, Node>> declared = new EnumMap<>(Kind.class);
    private final Set<String> builtInSuites;
    private final List<Ref> suiteRefs = new ArrayList<>();
    private final List<Ref> hostRefs = new ArrayList<>();
    private final Set<String> models = new LinkedHashSet<>();
    private final List<Ref> modelRefs = new ArrayList<>();
    private final Map<String, Set<String>> targets = new LinkedHashMap<>();
    private final List<Scheduled> scheduled = new ArrayList<>();
    private final Problems problems;

    Names(Collection<String> builtInSuites, Problems problems) {
        this.builtInSuites = new LinkedHashSet<>(builtInSuites);
        this.problems = problems;
    }

    /**
     * Declares a name that must be unique within {@code scope}; a second one is a problem at once.
     *
     * @param scope      "" for lab-wide, else what bounds it (e.g. the host of a BDF)
     * @param scopeLabel how to say the scope in the message, e.g. " on host lab-host-01"
     */
    void declare(Kind kind, String scope, String scopeLabel, String name, Node at) {
        Node first = declared.computeIfAbsent(kind, k -> new LinkedHashMap<>()).putIfAbsent(scope + "\u0000" + name, at);
        if (first != null) {
            problems.add(at, "duplicate " + kind.what + " '" + name + "'" + scopeLabel + " (first at line " + first.at().line() + ")",
                    kind.fix);
        }
    }

    void referSuite(String suite, Node at) {
        suiteRefs.add(new Ref(suite, at));
    }

    void referHost(String host, Node at) {
        hostRefs.add(new Ref(host, at));
    }

    /** A device model some device in the lab has: a {@code vvvv:dddd} id or {@code sim}. */
    void knowModel(String model) {
        models.add(model);
    }

    void referModel(String model, Node at) {
        modelRefs.add(new Ref(model, at));
    }

    /** A schedulable target and the suites it allows; several calls for one target add up. */
    void offerTarget(String target, Collection<String> suites) {
        targets.computeIfAbsent(target, t -> new LinkedHashSet<>()).addAll(suites);
    }

    void schedule(String target, Node at, List<String> suites) {
        scheduled.add(new Scheduled(target, at, List.copyOf(suites)));
    }

    void check() {
        Set<String> suites = new LinkedHashSet<>(builtInSuites);
        suites.addAll(declaredNames(Kind.SUITE));
        // each check waits until the sections that declare its names are clean: one typo, one problem
        for (Ref r : suiteRefs) {
            if (!suites.contains(r.name()) && !problems.touches("suites")) {
                problems.add(r.at(), "unknown suite '" + r.name() + "'", suggest(r.name(), suites)
                        + "the suites are " + String.join(", ", suites) + "; declare new ones under 'suites:'");
            }
        }
        Set<String> hosts = declaredNames(Kind.HOST);
        for (Ref r : hostRefs) {
            if (!hosts.contains(r.name()) && !problems.touches("hosts")) {
                problems.add(r.at(), "no host named '" + r.name() + "' in this inventory",
                        suggest(r.name(), hosts) + (hosts.isEmpty() ? "declare it under 'hosts:'" : "the hosts are " + String.join(", ", hosts)));
            }
        }
        for (Ref r : modelRefs) {
            if (!models.contains(r.name()) && !problems.touches(DEVICE_SECTIONS)) {
                problems.add(r.at(), "no device in this lab is of model '" + r.name() + "'", suggest(r.name(), models)
                        + (models.isEmpty() ? "add the device first" : "the models here are " + String.join(", ", models)));
            }
        }
        for (Scheduled s : scheduled) {
            if (problems.touches(DEVICE_SECTIONS) || problems.touches("suites")) {
                break;
            }
            Set<String> allowed = targets.get(s.target());
            if (allowed == null) {
                problems.add(s.at(), "no target '" + s.target() + "' in this inventory", suggest(s.target(), targets.keySet())
                        + (targets.isEmpty() ? "add devices first" : "the targets are " + String.join(", ", targets.keySet())));
                continue;
            }
            for (String suite : s.suites()) {
                if (suites.contains(suite) && !allowed.contains(suite)) {
                    problems.add(s.at(), "target '" + s.target() + "' has no device that allows suite '" + suite + "'",
                            "add " + suite + " to the suites of its devices, or drop the target");
                }
            }
        }
    }

    private Set<String> declaredNames(Kind kind) {
        return declared.getOrDefault(kind, Map.of()).keySet().stream()
                .map(k -> k.substring(k.indexOf('\u0000') + 1))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static String suggest(String name, Collection<String> known) {
        return DidYouMean.closest(name, known).map(k -> "did you mean '" + k + "'? ").orElse("");
    }
}
