#ifndef CJEMALLOC_SHIM_H
#define CJEMALLOC_SHIM_H

// mallctl, to read the options jemalloc runs with.
#include <jemalloc/jemalloc.h>

#endif
