#ifndef STORYGRAPH_ALLOCATOR_H
#define STORYGRAPH_ALLOCATOR_H

/// The allocator the process runs on, with the options that matter here,
/// for `--timings` (e.g. "jemalloc 5.3.0-0-g54eaed1d8b56b1aa528be3bdd1877e59c56fa90c, thp always");
/// "system malloc" when storygraph was built without jemalloc.
/// The text is static: the caller does not free it.
const char *storygraph_allocator(void);

/// True (1) when storygraph was built with jemalloc, false (0) with the system malloc.
int storygraph_allocator_is_jemalloc(void);

#endif
