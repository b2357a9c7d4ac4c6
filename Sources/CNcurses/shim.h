#ifndef ORDERDESK_CNCURSES_SHIM_H
#define ORDERDESK_CNCURSES_SHIM_H

// SwiftPM drops pkg-config's -D_XOPEN_SOURCE, so the wide-character API must be asked for here.
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncurses.h>

// Attribute macros are not imported by Swift.
static inline int od_a_normal(void) { return (int)A_NORMAL; }
static inline int od_a_bold(void) { return (int)A_BOLD; }
static inline int od_a_reverse(void) { return (int)A_REVERSE; }
static inline int od_a_underline(void) { return (int)A_UNDERLINE; }
static inline int od_a_dim(void) { return (int)A_DIM; }

// C globals Swift 6 rejects as not concurrency-safe.
static inline WINDOW *od_stdscr(void) { return stdscr; }
static inline int od_lines(void) { return LINES; }
static inline int od_cols(void) { return COLS; }
static inline int od_colors(void) { return COLORS; }
static inline int od_color_pairs(void) { return COLOR_PAIRS; }

// Column width of one wide character, as the C library sees it (-1 for non-printable).
static inline int od_wcwidth(wchar_t c) { return wcwidth(c); }

#endif
