#ifndef CGRAPHVIZ_SHIM_H
#define CGRAPHVIZ_SHIM_H

// gvc.h includes cgraph.h (graphs, agmemread, agseterrf) and cdt.h.
#include <graphviz/gvc.h>

#endif
