using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Cordon.Core.Identifiers;
using Cordon.Core.Indicators;
using Cordon.Core.Screening;
using Cordon.Core.Text;

namespace Cordon.Server.Screening;

/// <summary>
/// Writes batch answers as UTF-8 into a buffer: NDJSON lines shaped like <see cref="ScreenResponse"/> or CSV rows. The
/// JSON is written by hand from bytes prepared once (names, enum values, the answer's fixed parts): the serializer's
/// writer, even without reflection, spent more of a batch's processor time than the lookups. The bytes are the ones
/// <see cref="System.Text.Json.JsonSerializer"/> writes for the same answer with <see cref="CordonJson.Options"/> and
/// relaxed escaping (the answers are data for programs, never embedded in HTML), which a test checks. One instance per
/// worker; not thread-safe.
/// </summary>
public sealed class BatchAnswers(bool csv)
{
    public const string CsvHeader = "line,type,value,verdict,score,categories,reports,organisations,countries,error";

    private static readonly JsonEncodedText[] TypeNames = WireNames<IdentifierType>();
    private static readonly JsonEncodedText[] VerdictNames = WireNames<Verdict>();
    private static readonly JsonEncodedText[] CategoryNames = WireNames<Category>();
    private static readonly JavaScriptEncoder Escaping = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    private readonly byte[] lastDate = new byte[10];
    private long lastDay = -1;

    public ArrayBufferWriter<byte> Buffer { get; } = new(64 * 1024);

    public void Write(long line, Identifier? identifier, ScreeningResult? result, string? error)
    {
        if (csv)
        {
            WriteCsv(line, identifier, result, error);
            return;
        }
        Raw("{\"line\":"u8);
        Number(line);
        if (identifier is null || result is not { } answer)
        {
            Raw(",\"error\":"u8);
            if (error is null)
            {
                Raw("null"u8);
            }
            else
            {
                Text(error);
            }
            Raw("}\n"u8);
            return;
        }
        Raw(",\"response\":{\"type\":"u8);
        Encoded(TypeNames[(int)identifier.Type]);
        Raw(",\"value\":"u8);
        Text(identifier.Display);
        Raw(",\"verdict\":"u8);
        Encoded(VerdictNames[(int)answer.Verdict]);
        if (answer == ScreeningResult.Clear)
        {
            // What the clear answer says after its verdict, copied at once.
            Raw(",\"score\":0,\"categories\":[],\"reports\":0,\"organisations\":0,\"countries\":0,\"confidence\":0,\"firstSeen\":null,\"lastSeen\":null}}\n"u8);
            return;
        }
        Raw(",\"score\":"u8);
        Number(answer.Score);
        Raw(",\"categories\":["u8);
        var comma = false;
        foreach (var category in answer.Categories)
        {
            if (comma)
            {
                Raw(","u8);
            }
            Encoded(CategoryNames[(int)category]);
            comma = true;
        }
        Raw("],\"reports\":"u8);
        Number(answer.Reports);
        Raw(",\"organisations\":"u8);
        Number(answer.Organisations);
        Raw(",\"countries\":"u8);
        Number(answer.Countries);
        Raw(",\"confidence\":"u8);
        Number(answer.Confidence);
        Raw(",\"firstSeen\":"u8);
        Time(answer.FirstSeen);
        Raw(",\"lastSeen\":"u8);
        Time(answer.LastSeen);
        Raw("}}\n"u8);
    }

    private void Raw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Buffer.GetSpan(bytes.Length));
        Buffer.Advance(bytes.Length);
    }

    private void Encoded(JsonEncodedText text)
    {
        var span = Buffer.GetSpan(text.EncodedUtf8Bytes.Length + 2);
        span[0] = (byte)'"';
        text.EncodedUtf8Bytes.CopyTo(span[1..]);
        span[text.EncodedUtf8Bytes.Length + 1] = (byte)'"';
        Buffer.Advance(text.EncodedUtf8Bytes.Length + 2);
    }

    private void Number(long value)
    {
        var span = Buffer.GetSpan(20);
        Utf8Formatter.TryFormat(value, span, out var written);
        Buffer.Advance(written);
    }

    /// <summary>A JSON string; text that needs no escaping (a canonical identifier, nearly always) is copied as it is.</summary>
    private void Text(string text)
    {
        var span = Buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length) + 2);
        if (Encoding.UTF8.TryGetBytes(text, span[1..], out var length) && Escaping.FindFirstCharacterToEncodeUtf8(span.Slice(1, length)) < 0)
        {
            span[0] = (byte)'"';
            span[length + 1] = (byte)'"';
            Buffer.Advance(length + 2);
            return;
        }
        Encoded(JsonEncodedText.Encode(text, Escaping));
    }

    /// <summary>
    /// As the serializer writes a <see cref="DateTimeOffset"/>: ISO 8601 with the offset, the fraction of a second
    /// trimmed of its trailing zeros (and left out when it is zero). Written digit by digit: a format string was the
    /// costliest part of an answer.
    /// </summary>
    private void Time(DateTimeOffset? time)
    {
        if (time is not { } value)
        {
            Raw("null"u8);
            return;
        }
        var span = Buffer.GetSpan(36);
        var ticks = value.Ticks; // of the clock time, at the offset
        span[0] = (byte)'"';
        Date(ticks / TimeSpan.TicksPerDay, span.Slice(1, 10));
        var second = (int)(ticks % TimeSpan.TicksPerDay / TimeSpan.TicksPerSecond);
        span[11] = (byte)'T';
        TwoDigits(span[12..], second / 3600);
        span[14] = (byte)':';
        TwoDigits(span[15..], second / 60 % 60);
        span[17] = (byte)':';
        TwoDigits(span[18..], second % 60);
        var length = 20;
        var fraction = (int)(ticks % TimeSpan.TicksPerSecond);
        if (fraction != 0)
        {
            var digits = 7;
            for (; fraction % 10 == 0; fraction /= 10)
            {
                digits--;
            }
            span[length] = (byte)'.';
            Digits(span[(length + 1)..], fraction, digits);
            length += digits + 1;
        }
        var offset = (int)(value.Offset.Ticks / TimeSpan.TicksPerMinute);
        span[length] = offset < 0 ? (byte)'-' : (byte)'+';
        TwoDigits(span[(length + 1)..], Math.Abs(offset) / 60);
        span[length + 3] = (byte)':';
        TwoDigits(span[(length + 4)..], Math.Abs(offset) % 60);
        span[length + 6] = (byte)'"';
        Buffer.Advance(length + 7);
    }

    /// <summary>
    /// <c>yyyy-MM-dd</c> of a day counted from 0001-01-01; the last day written is kept, since the answers of a batch
    /// mostly fall on few days and working out the calendar date is most of the cost of a time.
    /// </summary>
    private void Date(long day, Span<byte> destination)
    {
        if (day != lastDay)
        {
            var date = DateOnly.FromDayNumber((int)day);
            Digits(lastDate, date.Year, 4);
            lastDate[4] = (byte)'-';
            TwoDigits(lastDate.AsSpan(5), date.Month);
            lastDate[7] = (byte)'-';
            TwoDigits(lastDate.AsSpan(8), date.Day);
            lastDay = day;
        }
        lastDate.CopyTo(destination);
    }

    /// <summary>A number from 0 to 99 as two digits, from a table of them.</summary>
    private static void TwoDigits(Span<byte> destination, int value)
    {
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"u8
            .Slice(value * 2, 2).CopyTo(destination);
    }

    /// <summary>A number of <paramref name="count"/> digits, with leading zeros.</summary>
    private static void Digits(Span<byte> destination, int value, int count)
    {
        for (var i = count - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    private static JsonEncodedText[] WireNames<T>() where T : struct, Enum
    {
        var values = Enum.GetValues<T>();
        var names = new JsonEncodedText[values.Max(v => Convert.ToInt32(v, CultureInfo.InvariantCulture)) + 1];
        foreach (var value in values)
        {
            names[Convert.ToInt32(value, CultureInfo.InvariantCulture)] = JsonEncodedText.Encode(CordonJson.Name(value), Escaping);
        }
        return names;
    }

    private void WriteCsv(long line, Identifier? identifier, ScreeningResult? result, string? error)
    {
        var row = identifier is null || result is not { } answer
            ? string.Create(CultureInfo.InvariantCulture, $"{line},,,,,,,,,{CsvCell.Write(error ?? "")}\n")
            : string.Create(CultureInfo.InvariantCulture,
                $"{line},{CordonJson.Name(identifier.Type)},{CsvCell.Write(identifier.Display)},{CordonJson.Name(answer.Verdict)},{answer.Score}," +
                $"{string.Join(';', answer.Categories.Select(CordonJson.Name))},{answer.Reports},{answer.Organisations},{answer.Countries},\n");
        var span = Buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(row.Length));
        Buffer.Advance(Encoding.UTF8.GetBytes(row, span));
    }
}
