using System.Runtime.InteropServices;

namespace Cordon.Core.Screening;

/// <summary>
/// Arrays for the screening index's tables, backed by 2 MiB pages where the system offers them (Linux transparent huge
/// pages, in their default "madvise" mode). A random probe into a table of hundreds of megabytes then costs a cache
/// miss, not also a miss of the processor's address translation cache (with 4 KiB pages, 10 million identifiers
/// span some 200,000 pages). The arrays are pinned, so the range advised never moves; elsewhere, or when the advice
/// is refused, they are ordinary arrays (pinned when asked for).
/// </summary>
internal static partial class LargeTable
{
    private const long HugePage = 2 * 1024 * 1024;
    private const long AdviseFrom = 8 * HugePage;
    private const int MadviseHugePage = 14;

    public static unsafe T[] Allocate<T>(int length, bool pinned = false) where T : unmanaged
    {
        var bytes = (long)length * sizeof(T);
        if (bytes < AdviseFrom || !OperatingSystem.IsLinux())
        {
            return pinned ? GC.AllocateArray<T>(length, pinned: true) : new T[length];
        }
        var array = GC.AllocateUninitializedArray<T>(length, pinned: true);
        fixed (T* data = array)
        {
            var start = ((long)data + HugePage - 1) & ~(HugePage - 1);
            var end = ((long)data + bytes) & ~(HugePage - 1);
            try
            {
                _ = Madvise((nint)start, (nuint)(end - start), MadviseHugePage);
            }
            catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
            {
                // No C library to ask: ordinary pages.
            }
        }
        // Uninitialised memory may be reused; clearing it is also what first touches the pages, now as huge ones.
        Array.Clear(array);
        return array;
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(nint address, nuint length, int advice);
}
