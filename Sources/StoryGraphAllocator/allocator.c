// storygraph links jemalloc on Linux and configures it here, in the binary.
//
// Why: a large archive is millions of small heap objects (a string per field,
// an array per record) spread over gigabytes, read back in no order by the
// graph, the passes and the report. With 4 KiB pages that is a page fault for
// every page first touched (1.1 million a run at 1M records) and, inferred
// rather than counted (the VM has no hardware counters), a TLB miss on many
// reads, each walking two page tables on a VM. jemalloc backs its heap with
// transparent huge pages (2 MiB) when told `thp:always`, which the system's
// malloc does not do by default. Measured in BENCHMARKS.md ("The allocator").
//
// `malloc_conf` is read by jemalloc at its first allocation, before `main`;
// the MALLOC_CONF environment variable still overrides any of these.
//   thp:always         huge pages for the heap (the kernel's THP mode `madvise`
//                      is enough: jemalloc asks for them with madvise)
//   metadata_thp:always  and for jemalloc's own tables
//   narenas:1          one arena for all threads (each still has its own cache):
//                      what one thread frees, any thread reuses. With the default
//                      (four arenas a core) the peak at 1M records was 38 MB higher
//   dirty_decay_ms:1000
//                      memory freed and not reused within a second goes back to
//                      the system (the default waits ten seconds; it then goes
//                      back in one step, muzzy_decay_ms being 0 already): a run's
//                      phases free large transient arrays. With two arenas the
//                      peak at 1M was 1,988 against 1,993 MB, within a run's
//                      spread, and the run 38.7 against 40.4 s (one turn each).
//                      Never giving memory back (-1) took the peak at 1M to
//                      2,318 MiB, over the 2 GiB of issue 3 (one turn)
// Built with STORYGRAPH_SYSTEM_MALLOC=1 (the sanitizer builds: a sanitizer
// brings its own malloc) or on other systems, storygraph uses the system malloc.

#include "StoryGraphAllocator.h"

#ifdef STORYGRAPH_JEMALLOC
#include <jemalloc/jemalloc.h>
#include <stdio.h>

const char *malloc_conf = "thp:always,metadata_thp:always,narenas:1,dirty_decay_ms:1000";

const char *storygraph_allocator(void) {
    static char description[256];
    const char *version = "?";
    const char *thp = "?";
    size_t size = sizeof(const char *);
    mallctl("version", &version, &size, NULL, 0);
    size = sizeof(const char *);
    mallctl("opt.thp", &thp, &size, NULL, 0);
    snprintf(description, sizeof description, "jemalloc %s, thp %s", version, thp);
    return description;
}

int storygraph_allocator_is_jemalloc(void) {
    return 1;
}
#else
const char *storygraph_allocator(void) {
    return "system malloc";
}

int storygraph_allocator_is_jemalloc(void) {
    return 0;
}
#endif
