using System.Runtime.InteropServices;

namespace SmsContacts.Web.Infrastructure.Hosting;

/// <summary>
/// Hands free native memory back to the operating system. glibc's malloc keeps what SQLite and the runtime
/// free in per-thread arenas, resident, for reuse by the same arena; a long import leaves tens of MB there,
/// spread over a dozen arenas. malloc_trim releases the free pages of every arena. The import calls it after
/// each batch (a few milliseconds per ~25,000 rows): its peak memory is what the bench's import scenario
/// reports. <see cref="LimitArenas"/> also keeps new threads to two arenas, as MALLOC_ARENA_MAX=2 would
/// (the Docker image sets that too, from the very start; an explicit setting wins). On anything but glibc
/// both do nothing.
/// </summary>
internal static partial class NativeHeap
{
    /// <summary>M_ARENA_MAX in glibc's malloc.h.</summary>
    private const int ArenaMaxOption = -8;

    private static bool _unavailable = !OperatingSystem.IsLinux();

    public static void LimitArenas()
    {
        if (_unavailable || Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is not null)
        {
            return;
        }

        try
        {
            MallOpt(ArenaMaxOption, 2);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            _unavailable = true;
        }
    }

    public static void ReleaseFreeMemory()
    {
        if (_unavailable)
        {
            return;
        }

        try
        {
            MallocTrim(0);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // musl (Alpine) and other C libraries: nothing to trim, and no need to try again.
            _unavailable = true;
        }
    }

    [LibraryImport("libc.so.6", EntryPoint = "mallopt")]
    private static partial int MallOpt(int option, int value);

    [LibraryImport("libc.so.6", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);
}
