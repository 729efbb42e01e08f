using System.Security.Cryptography;
using System.Text;

namespace Cordon.Core.Audit;

/// <summary>
/// Hashes of items' content as an audit record keeps them: one SHA-256 per item over its canonical form, and the
/// record's digest over the (item, hash) pairs in item order, so that a record commits to every item it names.
/// </summary>
public static class AuditContent
{
    public static string Hash(string canonical) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));

    public static string Digest(IEnumerable<(Guid ItemId, string ContentHash)> items)
    {
        var text = new StringBuilder();
        foreach (var (itemId, contentHash) in items.OrderBy(i => i.ItemId))
        {
            text.Append(itemId.ToString("D")).Append(' ').Append(contentHash).Append('\n');
        }
        return Hash(text.ToString());
    }
}
