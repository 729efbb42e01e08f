using System.Buffers.Binary;
using System.Globalization;
using Cordon.Core.Identifiers;
using Cordon.Core.Screening;
using Cordon.Core.Sharing;

namespace Cordon.Bench;

/// <summary>
/// Synthetic screening data: phone numbers <c>+4420xxxxxxxx</c> (canonical E.164), one report each from one
/// organisation, TLP:GREEN to the node. Number <c>i</c> is <c>i × 48271 mod 10⁸</c>, a bijection, so values are distinct
/// and scattered; the same digits after <c>+4421</c> are never indexed (absent values of the same length).
/// </summary>
public static class ScreeningData
{
    public static readonly Guid Owner = new("00000000-0000-0000-0000-0000000000a1");
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    public static readonly Viewer Viewer = new(Owner, new HashSet<Guid>());

    public static string Present(long i) => Phone("+4420", i);

    public static string Absent(long i) => Phone("+4421", i);

    private static string Phone(string prefix, long i) =>
        prefix + (i * 48271 % 100_000_000).ToString("D8", CultureInfo.InvariantCulture);

    /// <summary>
    /// The index presized to <paramref name="count"/>, as the server builds it at start, or from the default capacity,
    /// growing by doubling (as an index that took its entries after start).
    /// </summary>
    public static ScreeningIndex Build(long count, bool presize = false)
    {
        var index = presize ? new ScreeningIndex((int)count) : new ScreeningIndex();
        index.SetOrganisation(Owner, "GB");
        // In chunks as the server's feed applies them (50,000 per page).
        const int Chunk = 50_000;
        for (var start = 0L; start < count; start += Chunk)
        {
            index.Apply([.. Entries(start, Math.Min(Chunk, count - start))]);
        }
        return index;
    }

    /// <summary>
    /// Indicator <c>i</c>'s id, made from <c>i</c>: a random one (<see cref="Guid.CreateVersion7()"/>) asks the kernel
    /// for randomness, which on this kind of virtual machine took a third of the time of building the index.
    /// </summary>
    private static Guid IndicatorId(long i)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, i + 1);
        return new Guid(bytes);
    }

    private static IEnumerable<IndexEntry> Entries(long start, long count)
    {
        var seen = Now.AddDays(-30);
        for (var i = start; i < start + count; i++)
        {
            yield return new IndexEntry(IndicatorId(i), IdentifierType.Phone, Present(i), Owner, Tlp.Green,
                Distribution.Node, [], 1, 50 + (int)(i % 50), seen, seen, null, false);
        }
    }
}
