using System.Buffers.Binary;
using Cordon.Core.Errors;

namespace Cordon.Application.Indicators;

/// <summary>An opaque keyset cursor: the creation time and id of the last item of the previous page.</summary>
public static class SearchCursor
{
    public static string Encode(DateTimeOffset createdAt, Guid id)
    {
        var bytes = new byte[24];
        BinaryPrimitives.WriteInt64BigEndian(bytes, createdAt.UtcTicks);
        id.TryWriteBytes(bytes.AsSpan(8));
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static (DateTimeOffset CreatedAt, Guid Id) Decode(string cursor)
    {
        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            var bytes = Convert.FromBase64String(padded);
            if (bytes.Length != 24)
            {
                throw new FormatException();
            }
            return (new DateTimeOffset(BinaryPrimitives.ReadInt64BigEndian(bytes), TimeSpan.Zero), new Guid(bytes.AsSpan(8)));
        }
        catch (Exception exception) when (exception is FormatException or ArgumentOutOfRangeException)
        {
            throw new InvalidInputException("cursor", "is not a cursor this node issued.");
        }
    }
}
