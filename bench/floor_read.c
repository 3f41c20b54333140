// The floor of reading a corpus (bench/floor.py): opens, fstats and reads every file
// listed on stdin's file, on N threads (files dealt round-robin), and counts the lines
// that hold a ':' (a stand-in for the cheapest possible scan of the front matter).
// Usage: floor_read THREADS LIST   (LIST: one path a line)
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char **paths;
static long count;
static int threads;

static void *work(void *arg) {
    long first = (long)arg, keys = 0;
    size_t capacity = 1 << 16;
    char *buffer = malloc(capacity);
    for (long i = first; i < count; i += threads) {
        int fd = open(paths[i], O_RDONLY | O_CLOEXEC);
        if (fd < 0) continue;
        struct stat st;
        if (fstat(fd, &st) == 0 && (size_t)st.st_size + 1 > capacity) {
            capacity = (size_t)st.st_size + 1;
            buffer = realloc(buffer, capacity);
        }
        ssize_t filled = 0, got;
        while ((got = read(fd, buffer + filled, capacity - filled)) > 0) filled += got;
        close(fd);
        for (char *p = buffer, *end = buffer + filled; p < end;) {
            char *line_end = memchr(p, '\n', end - p);
            if (!line_end) line_end = end;
            if (memchr(p, ':', line_end - p)) keys++;
            p = line_end + 1;
        }
    }
    free(buffer);
    return (void *)keys;
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: floor_read THREADS LIST\n"); return 2; }
    threads = atoi(argv[1]);
    if (threads < 1 || threads > 64) threads = 1;
    FILE *list = fopen(argv[2], "r");
    if (!list) { perror(argv[2]); return 1; }
    size_t capacity = 1 << 16;
    paths = malloc(capacity * sizeof *paths);
    char line[8192];
    while (fgets(line, sizeof line, list)) {
        line[strcspn(line, "\n")] = 0;
        if ((size_t)count == capacity) paths = realloc(paths, (capacity *= 2) * sizeof *paths);
        paths[count++] = strdup(line);
    }
    pthread_t thread[64];
    long keys = 0;
    for (long t = 0; t < threads; t++) pthread_create(&thread[t], NULL, work, (void *)t);
    for (int t = 0; t < threads; t++) { void *result; pthread_join(thread[t], &result); keys += (long)result; }
    printf("%ld files, %ld lines with a colon\n", count, keys);
    return 0;
}
