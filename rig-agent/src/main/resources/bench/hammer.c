/*
 * hammer.c: the C reference hammer for `rig bench hammer`.
 *
 * Built at bench time with `gcc -O2 -pthread -o hammer hammer.c` by
 * io.vfiorig.agent.bench.CHammer. It opens the memfd the Java side created, through
 * /proc/<java pid>/fd/<n>, maps it MAP_SHARED and does, per thread and per access, the same
 * work as io.vfiorig.agent.bench.JavaHammer:
 *
 *   fault    loop: MADV_DONTNEED the thread's slice, then first-touch every page by writing the
 *            pattern word at its start (a write fault on a shared memfd faults exactly one page;
 *            a read would map up to 16 pages through fault-around), each touch timed with
 *            clock_gettime(CLOCK_MONOTONIC) before and after and recorded in a histogram.
 *   steady   the pages are mapped once, then read one word per page in a loop, timed and recorded.
 *   untimed  the steady loop without clocks or histogram: timed minus untimed cost per access is
 *            the per-access timing overhead.
 *
 * The histogram has the bucket layout of org.HdrHistogram.Histogram(1, 2^40, 3) and records a
 * value with the same operations (index from the leading zero count, count++, min, max, total),
 * so both hammers pay the same recording cost. The stop flag is checked before every access, as
 * the Java hammer does with a volatile read.
 *
 * Output: one line of JSON on stdout, e.g.
 *   {"impl":"c","mode":"fault","threads":1,"faults":..,"seconds":..,"faults_per_sec":..,
 *    "cpu_seconds":..,"faults_per_cpu_sec":..,"touches":..,"ns_per_access":..,
 *    "mean_touch_ns":..,"min_ns":..,"max_ns":..,"p50_ns":..,"p99_ns":..,
 *    "involuntary_ctx_switches":..,"checksum":..}
 * cpu_seconds is the hammer threads' user + system time (getrusage RUSAGE_THREAD); faults per
 * CPU second is less disturbed by other load on the host than faults per wall second.
 * Errors go to stderr with exit status 2.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef MADV_NOHUGEPAGE
#define MADV_NOHUGEPAGE 15
#endif

enum mode { MODE_FAULT, MODE_STEADY, MODE_UNTIMED };
static const char *const MODE_NAMES[] = {"fault", "steady", "untimed"};

/* ---- HDR histogram: 3 significant digits, unit 1 ns, highest trackable 2^40 ns ------------ */
#define SUB_BUCKET_HALF_COUNT_MAGNITUDE 10
#define SUB_BUCKET_HALF_COUNT (1 << SUB_BUCKET_HALF_COUNT_MAGNITUDE)
#define SUB_BUCKET_COUNT (2 * SUB_BUCKET_HALF_COUNT)
#define SUB_BUCKET_MASK ((uint64_t)SUB_BUCKET_COUNT - 1)
#define LEADING_ZERO_COUNT_BASE (64 - SUB_BUCKET_HALF_COUNT_MAGNITUDE - 1)
#define HIGHEST_TRACKABLE ((uint64_t)1 << 40)
#define BUCKET_COUNT 31 /* buckets needed to cover 2^40 with 2048 sub-buckets */
#define COUNTS_LEN ((BUCKET_COUNT + 1) * SUB_BUCKET_HALF_COUNT)

struct hist {
    uint64_t *counts;
    uint64_t total;
    uint64_t min;
    uint64_t max;
};

static inline int bucket_index(uint64_t v) {
    return LEADING_ZERO_COUNT_BASE - __builtin_clzll(v | SUB_BUCKET_MASK);
}

static inline int counts_index(uint64_t v) {
    int bucket = bucket_index(v);
    int sub = (int)(v >> bucket);
    return ((bucket + 1) << SUB_BUCKET_HALF_COUNT_MAGNITUDE) + (sub - SUB_BUCKET_HALF_COUNT);
}

static inline void hist_record(struct hist *h, uint64_t v) {
    if (v > HIGHEST_TRACKABLE) {
        v = HIGHEST_TRACKABLE; /* the Java histogram would resize instead; never hit in practice */
    }
    h->counts[counts_index(v)]++;
    if (v < h->min && v != 0) {
        h->min = v;
    }
    if (v > h->max) {
        h->max = v;
    }
    h->total++;
}

static uint64_t value_from_index(int index) {
    int bucket = (index >> SUB_BUCKET_HALF_COUNT_MAGNITUDE) - 1;
    int sub = (index & (SUB_BUCKET_HALF_COUNT - 1)) + SUB_BUCKET_HALF_COUNT;
    if (bucket < 0) {
        sub -= SUB_BUCKET_HALF_COUNT;
        bucket = 0;
    }
    return (uint64_t)sub << bucket;
}

static uint64_t highest_equivalent(uint64_t v) {
    int bucket = bucket_index(v);
    int sub = (int)(v >> bucket);
    uint64_t lowest = (uint64_t)sub << bucket;
    int distance = bucket + (sub >= SUB_BUCKET_COUNT ? 1 : 0);
    return lowest + ((uint64_t)1 << distance) - 1;
}

/* Same rule as AbstractHistogram.getValueAtPercentile. */
static uint64_t hist_percentile(const struct hist *h, double percentile) {
    if (h->total == 0) {
        return 0;
    }
    double fp = percentile * (double)h->total / 100.0;
    uint64_t at = (uint64_t)fp;
    if ((double)at < fp) {
        at++;
    }
    if (at < 1) {
        at = 1;
    }
    uint64_t running = 0;
    for (int i = 0; i < COUNTS_LEN; i++) {
        running += h->counts[i];
        if (running >= at) {
            return highest_equivalent(value_from_index(i));
        }
    }
    return 0;
}

/* ---- the hammer ----------------------------------------------------------------------------- */
struct worker {
    pthread_t thread;
    uint8_t *map;
    uint64_t start;
    uint64_t end;
    struct hist hist;
    uint64_t touches;
    uint64_t sum_ns;
    uint64_t loop_ns;
    uint64_t end_ns;
    long faults;
    long nivcsw;
    uint64_t cpu_us;
    uint32_t sink;
    int error;
} __attribute__((aligned(64)));

static enum mode mode = MODE_FAULT;
static long page_size;
static volatile int stop_flag;
static pthread_barrier_t start_barrier;

static inline uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* io.vfiorig.agent.device.DeviceProfile.patternWord, bit for bit. */
static inline uint32_t pattern_word(uint64_t offset) {
    uint64_t x = offset * 0x9E3779B97F4A7C15ull;
    return (uint32_t)(x ^ (x >> 29)) ^ 0x5A5A5A5Au;
}

static void fault_loop(struct worker *w) {
    uint8_t *map = w->map;
    uint64_t start = w->start, end = w->end, step = (uint64_t)page_size;
    struct hist *h = &w->hist;
    uint64_t touches = 0, sum = 0;
    for (;;) {
        if (madvise(map + start, end - start, MADV_DONTNEED) != 0) {
            w->error = errno;
            break;
        }
        for (uint64_t off = start; off < end; off += step) {
            if (stop_flag) {
                goto out;
            }
            uint64_t t0 = now_ns();
            *(volatile uint32_t *)(map + off) = pattern_word(off);
            uint64_t t1 = now_ns();
            hist_record(h, t1 - t0);
            sum += t1 - t0;
            touches++;
        }
    }
out:
    w->touches = touches;
    w->sum_ns = sum;
}

static void steady_loop(struct worker *w) {
    uint8_t *map = w->map;
    uint64_t start = w->start, end = w->end, step = (uint64_t)page_size;
    struct hist *h = &w->hist;
    uint64_t touches = 0, sum = 0;
    uint32_t sink = 0;
    for (;;) {
        for (uint64_t off = start; off < end; off += step) {
            if (stop_flag) {
                goto out;
            }
            uint64_t t0 = now_ns();
            uint32_t v = *(volatile uint32_t *)(map + off);
            uint64_t t1 = now_ns();
            sink ^= v;
            hist_record(h, t1 - t0);
            sum += t1 - t0;
            touches++;
        }
    }
out:
    w->touches = touches;
    w->sum_ns = sum;
    w->sink = sink;
}

static void untimed_loop(struct worker *w) {
    uint8_t *map = w->map;
    uint64_t start = w->start, end = w->end, step = (uint64_t)page_size;
    uint64_t touches = 0;
    uint32_t sink = 0;
    for (;;) {
        for (uint64_t off = start; off < end; off += step) {
            if (stop_flag) {
                goto out;
            }
            sink ^= *(volatile uint32_t *)(map + off);
            touches++;
        }
    }
out:
    w->touches = touches;
    w->sink = sink;
}

static inline int64_t tv_us(const struct timeval *tv) {
    return (int64_t)tv->tv_sec * 1000000 + tv->tv_usec;
}

static void *worker_main(void *arg) {
    struct worker *w = arg;
    if (mode != MODE_FAULT) {
        for (uint64_t off = w->start; off < w->end; off += (uint64_t)page_size) {
            *(volatile uint32_t *)(w->map + off) = pattern_word(off);
        }
    }
    struct rusage r0, r1;
    getrusage(RUSAGE_THREAD, &r0);
    pthread_barrier_wait(&start_barrier);
    uint64_t t0 = now_ns();
    switch (mode) {
    case MODE_FAULT:
        fault_loop(w);
        break;
    case MODE_STEADY:
        steady_loop(w);
        break;
    case MODE_UNTIMED:
        untimed_loop(w);
        break;
    }
    uint64_t t1 = now_ns();
    getrusage(RUSAGE_THREAD, &r1);
    w->loop_ns = t1 - t0;
    w->end_ns = t1;
    w->faults = r1.ru_minflt - r0.ru_minflt;
    w->nivcsw = r1.ru_nivcsw - r0.ru_nivcsw;
    w->cpu_us = (uint64_t)(tv_us(&r1.ru_utime) + tv_us(&r1.ru_stime) - tv_us(&r0.ru_utime) - tv_us(&r0.ru_stime));
    return NULL;
}

static void die(const char *what) {
    fprintf(stderr, "hammer: %s: %s\n", what, strerror(errno));
    exit(2);
}

static void usage(const char *msg) {
    fprintf(stderr,
            "hammer: %s\n"
            "usage: hammer --fd-path /proc/PID/fd/N --size BYTES --threads T --seconds S"
            " --mode fault|steady|untimed\n",
            msg);
    exit(2);
}

int main(int argc, char **argv) {
    const char *fd_path = NULL;
    uint64_t size = 0;
    int threads = 1;
    double seconds = 1.0;
    static const struct option opts[] = {
        {"fd-path", required_argument, NULL, 'f'}, {"size", required_argument, NULL, 's'},
        {"threads", required_argument, NULL, 't'}, {"seconds", required_argument, NULL, 'S'},
        {"mode", required_argument, NULL, 'm'},    {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            fd_path = optarg;
            break;
        case 's':
            size = strtoull(optarg, NULL, 0);
            break;
        case 't':
            threads = atoi(optarg);
            break;
        case 'S':
            seconds = atof(optarg);
            break;
        case 'm':
            if (strcmp(optarg, "fault") == 0) {
                mode = MODE_FAULT;
            } else if (strcmp(optarg, "steady") == 0) {
                mode = MODE_STEADY;
            } else if (strcmp(optarg, "untimed") == 0) {
                mode = MODE_UNTIMED;
            } else {
                usage("unknown --mode");
            }
            break;
        default:
            usage("bad arguments");
        }
    }
    if (fd_path == NULL || size == 0 || threads < 1 || seconds <= 0) {
        usage("--fd-path, --size > 0, --threads >= 1 and --seconds > 0 are required");
    }
    page_size = sysconf(_SC_PAGESIZE);
    uint64_t pages = size / (uint64_t)page_size;
    if (pages < (uint64_t)threads) {
        usage("--size must give every thread at least one page");
    }

    int fd = open(fd_path, O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        die(fd_path);
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        die("fstat");
    }
    if ((uint64_t)st.st_size < size) {
        fprintf(stderr, "hammer: %s is %lld bytes, smaller than --size %llu\n", fd_path, (long long)st.st_size,
                (unsigned long long)size);
        return 2;
    }
    uint8_t *map = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (map == MAP_FAILED) {
        die("mmap");
    }
    /* 4 KiB faults on every host, as on the Java side (ignored where shmem THP is off). */
    madvise(map, size, MADV_NOHUGEPAGE);

    struct worker *workers = aligned_alloc(64, sizeof(struct worker) * (size_t)threads);
    if (workers == NULL) {
        die("aligned_alloc");
    }
    memset(workers, 0, sizeof(struct worker) * (size_t)threads);
    uint64_t slice = pages / (uint64_t)threads * (uint64_t)page_size;
    if (pthread_barrier_init(&start_barrier, NULL, (unsigned)threads + 1) != 0) {
        die("pthread_barrier_init");
    }
    for (int i = 0; i < threads; i++) {
        struct worker *w = &workers[i];
        w->map = map;
        w->start = (uint64_t)i * slice;
        w->end = w->start + slice;
        w->hist.counts = calloc(COUNTS_LEN, sizeof(uint64_t));
        if (w->hist.counts == NULL) {
            die("calloc");
        }
        /* Touch the counts now (calloc may hand out untouched pages), as the JVM zeroes a new
         * long[]: first-touch faults on the histogram must not count as hammer faults. */
        for (int k = 0; k < COUNTS_LEN; k++) {
            ((volatile uint64_t *)w->hist.counts)[k] = 0;
        }
        w->hist.min = UINT64_MAX;
        int rc = pthread_create(&w->thread, NULL, worker_main, w);
        if (rc != 0) {
            errno = rc;
            die("pthread_create");
        }
    }

    pthread_barrier_wait(&start_barrier);
    uint64_t t_start = now_ns();
    uint64_t deadline = t_start + (uint64_t)(seconds * 1e9);
    struct timespec until = {(time_t)(deadline / 1000000000u), (long)(deadline % 1000000000u)};
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, NULL) == EINTR) {
    }
    stop_flag = 1;
    /* Wall time ends when the last thread leaves its loop: thread teardown is not hammering. */
    uint64_t t_end = t_start;
    for (int i = 0; i < threads; i++) {
        pthread_join(workers[i].thread, NULL);
        if (workers[i].end_ns > t_end) {
            t_end = workers[i].end_ns;
        }
    }
    double elapsed = (double)(t_end - t_start) / 1e9;

    struct hist all = {calloc(COUNTS_LEN, sizeof(uint64_t)), 0, UINT64_MAX, 0};
    if (all.counts == NULL) {
        die("calloc");
    }
    uint64_t touches = 0, sum_ns = 0, loop_ns = 0, cpu_us = 0;
    long faults = 0, nivcsw = 0;
    uint32_t checksum = 0;
    for (int i = 0; i < threads; i++) {
        struct worker *w = &workers[i];
        if (w->error != 0) {
            errno = w->error;
            die("madvise(MADV_DONTNEED)");
        }
        touches += w->touches;
        sum_ns += w->sum_ns;
        loop_ns += w->loop_ns;
        faults += w->faults;
        nivcsw += w->nivcsw;
        cpu_us += w->cpu_us;
        checksum ^= w->sink;
        for (int k = 0; k < COUNTS_LEN; k++) {
            all.counts[k] += w->hist.counts[k];
        }
        all.total += w->hist.total;
        if (w->hist.total > 0 && w->hist.min < all.min) {
            all.min = w->hist.min;
        }
        if (w->hist.max > all.max) {
            all.max = w->hist.max;
        }
    }
    int timed = mode != MODE_UNTIMED;
    printf("{\"impl\":\"c\",\"mode\":\"%s\",\"threads\":%d,\"faults\":%ld,\"seconds\":%.6f,"
           "\"faults_per_sec\":%.1f,\"cpu_seconds\":%.6f,\"faults_per_cpu_sec\":%.1f,\"touches\":%llu,"
           "\"ns_per_access\":%.3f,\"mean_touch_ns\":%.3f,"
           "\"min_ns\":%llu,\"max_ns\":%llu,\"p50_ns\":%llu,\"p99_ns\":%llu,"
           "\"involuntary_ctx_switches\":%ld,\"checksum\":%u}\n",
           MODE_NAMES[mode], threads, faults, elapsed, (double)faults / elapsed, (double)cpu_us / 1e6,
           cpu_us ? (double)faults * 1e6 / (double)cpu_us : 0.0, (unsigned long long)touches,
           touches ? (double)loop_ns / (double)touches : 0.0,
           timed && touches ? (double)sum_ns / (double)touches : 0.0,
           (unsigned long long)(timed && all.total ? all.min : 0), (unsigned long long)all.max,
           (unsigned long long)hist_percentile(&all, 50.0), (unsigned long long)hist_percentile(&all, 99.0), nivcsw,
           checksum);
    fflush(stdout);
    munmap(map, size);
    close(fd);
    return 0;
}
