// SwiftPM needs one source file in a C target; the header is what counts.
#include "CFuzzerDriver.h"
