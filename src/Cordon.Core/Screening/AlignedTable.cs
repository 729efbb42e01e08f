using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Cordon.Core.Screening;

/// <summary>
/// A fixed-length table of unmanaged items whose first item starts on a <see cref="Alignment"/>-byte boundary, so that
/// a group of items that size apart always fills whole cache lines (an array's elements start wherever the collector
/// put its header). The storage is pinned, from <see cref="LargeTable"/>: the aligned start, computed once, stays valid.
/// Indexing is bounds-checked, as an array's is.
/// </summary>
internal sealed unsafe class AlignedTable<T> where T : unmanaged
{
    public const int Alignment = 64;

    private readonly Line[] storage;
    private readonly int startOffset;

    [StructLayout(LayoutKind.Sequential, Size = Alignment)]
    private struct Line;

    public AlignedTable(int length)
    {
        Length = length;
        var lines = (int)((((long)length * sizeof(T)) + Alignment - 1) / Alignment) + 1;
        storage = LargeTable.Allocate<Line>(lines, pinned: true);
        var address = (long)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(storage));
        startOffset = (int)((Alignment - (address % Alignment)) % Alignment);
    }

    public int Length { get; }

    public ref T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Length)
            {
                ThrowOutOfRange();
            }
            return ref Unsafe.Add(ref Start, index);
        }
    }

    private ref T Start => ref Unsafe.As<byte, T>(ref Unsafe.AddByteOffset(ref Unsafe.As<Line, byte>(ref MemoryMarshal.GetArrayDataReference(storage)), startOffset));

    /// <summary>
    /// Asks the processor for the cache lines of <paramref name="count"/> items from <paramref name="index"/> without
    /// waiting for them, where it has the instruction. A hint only; indexes outside the table are ignored.
    /// </summary>
    public void Prefetch(int index, int count)
    {
        if (!Sse.IsSupported || (uint)index >= (uint)Length || count > Length - index)
        {
            return;
        }
        var first = (byte*)Unsafe.AsPointer(ref Unsafe.Add(ref Start, index));
        var last = first + (count * sizeof(T)) - 1;
        for (var line = (byte*)((nint)first & ~63); line <= last; line += 64)
        {
            Sse.Prefetch0(line);
        }
    }

    private static void ThrowOutOfRange() => throw new ArgumentOutOfRangeException("index");
}
