using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Cordon.Core.Identifiers;
using Cordon.Core.Indicators;
using Cordon.Core.Screening;
using Cordon.Core.Text;
using Cordon.Server.Screening;

namespace Cordon.Server.Tests;

public sealed class BatchAnswersTests
{
    private static readonly JsonSerializerOptions Serializer = new(CordonJson.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly DateTimeOffset Minute = new(2026, 11, 3, 13, 56, 0, TimeSpan.Zero);

    public static TheoryData<string, Verdict, Category[], DateTimeOffset?> Answers => new()
    {
        { "+442000048271", Verdict.Clear, [], null },
        { "+442000048271", Verdict.Suspicious, [Category.InvestmentScam], Minute },
        { "boss@example.com", Verdict.KnownBad, [Category.Phishing, Category.AccountTakeover, Category.Other], Minute.AddTicks(1_234_500).ToOffset(TimeSpan.FromHours(9)) },
        { "quote\"back\\slash\ttab\u0001 ünïcode 電話 +", Verdict.Suspicious, [Category.MoneyMule], Minute.AddSeconds(7).ToOffset(TimeSpan.FromMinutes(-330)) },
        { "wallet/1 <script>&", Verdict.Clear, [], null },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public void AnAnswer_IsWhatTheSerializerWrites(string display, Verdict verdict, Category[] categories, DateTimeOffset? seen)
    {
        var identifier = new Identifier(IdentifierType.Email, display.ToLowerInvariant(), display, null);
        var reports = verdict == Verdict.Clear ? 0 : 2;
        var result = new ScreeningResult(verdict, reports * 35, categories, reports, reports, reports == 0 ? 0 : 1, reports * 30, seen,
            seen?.AddDays(3));
        var answers = new BatchAnswers(csv: false);

        answers.Write(123_456_789_012, identifier, result, null);

        var expected = JsonSerializer.Serialize(new { line = 123_456_789_012, response = ScreenResponse.From(identifier, result) }, Serializer) + "\n";
        Assert.Equal(expected, Encoding.UTF8.GetString(answers.Buffer.WrittenSpan));
    }

    [Fact]
    public void AnswersInARow_EachHaveTheirOwnDates()
    {
        var identifier = new Identifier(IdentifierType.Phone, "+442000048271", "+442000048271", null);
        var answers = new BatchAnswers(csv: false);
        var expected = new StringBuilder();
        DateTimeOffset[] days = [Minute, Minute.AddHours(1), Minute.AddDays(1), Minute.AddDays(-400), Minute.AddDays(-400).AddMinutes(1)];

        foreach (var (seen, line) in days.Select((day, i) => (day, (long)i + 1)))
        {
            var result = new ScreeningResult(Verdict.Suspicious, 50, [Category.Loan], 1, 1, 1, 50, seen, seen.AddMinutes(line * 700));
            answers.Write(line, identifier, result, null);
            expected.Append(JsonSerializer.Serialize(new { line, response = ScreenResponse.From(identifier, result) }, Serializer)).Append('\n');
        }

        Assert.Equal(expected.ToString(), Encoding.UTF8.GetString(answers.Buffer.WrittenSpan));
    }

    [Fact]
    public void TimesOfAnyYearSecondAndOffset_AreWhatTheSerializerWrites()
    {
        var identifier = new Identifier(IdentifierType.Phone, "+442000048271", "+442000048271", null);
        var random = new Random(7);
        var answers = new BatchAnswers(csv: false);
        var expected = new StringBuilder();
        for (var line = 1L; line <= 2_000; line++)
        {
            // Whole seconds for half of them, so that times without a fraction are as common as times with one.
            var ticks = random.NextInt64(TimeSpan.TicksPerDay, DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay);
            var offset = TimeSpan.FromMinutes(random.Next(-14 * 60, (14 * 60) + 1));
            var seen = new DateTimeOffset(line % 2 == 0 ? ticks - (ticks % TimeSpan.TicksPerSecond) : ticks, offset);
            var result = new ScreeningResult(Verdict.Suspicious, 50, [Category.Loan], 1, 1, 1, 50, seen, seen.AddSeconds(line));
            answers.Write(line, identifier, result, null);
            expected.Append(JsonSerializer.Serialize(new { line, response = ScreenResponse.From(identifier, result) }, Serializer)).Append('\n');
        }

        Assert.Equal(expected.ToString(), Encoding.UTF8.GetString(answers.Buffer.WrittenSpan));
    }

    [Theory]
    [InlineData("wrong or unknown field at '$.\"x\\y'")]
    [InlineData("line is not valid UTF-8")]
    public void AnError_IsWhatTheSerializerWrites(string error)
    {
        var answers = new BatchAnswers(csv: false);

        answers.Write(7, null, null, error);
        answers.Write(8, null, null, error);

        var expected = string.Concat(new long[] { 7, 8 }.Select(line => JsonSerializer.Serialize(new { line, error }, Serializer) + "\n"));
        Assert.Equal(expected, Encoding.UTF8.GetString(answers.Buffer.WrittenSpan));
    }
}
