/* bench/empty.c: a program that does nothing, for the per-process floor.
 * `make bench` links it twice (mk/bench.mk): once with hiraku's libraries,
 * every one loaded at start even where nothing calls it, and once with the
 * C library alone. The difference between their run times is what loading
 * and relocating hiraku's shared libraries costs every hiraku run. */
int main(void)
{
    return 0;
}
