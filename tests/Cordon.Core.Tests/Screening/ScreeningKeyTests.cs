using Cordon.Core.Identifiers;
using Cordon.Core.Screening;

namespace Cordon.Core.Tests.Screening;

public sealed class ScreeningKeyTests
{
    private const string Text = "https://pay-secure-refund.example/claim/0123456789abcdefghijklmnopqrstuvwxyz";

    [Fact]
    public void Of_ReadsOnlyTheValue_NotTheCharactersAfterIt()
    {
        // Slices of two texts that differ only after the slice: a hash that read past the end would tell them apart.
        var other = new string('#', Text.Length);
        for (var length = 0; length <= 64; length++)
        {
            var differentTail = string.Concat(Text.AsSpan(0, length), other.AsSpan(length));
            Assert.Equal(ScreeningKey.Of(IdentifierType.Url, Text.AsSpan(0, length)), ScreeningKey.Of(IdentifierType.Url, differentTail.AsSpan(0, length)));
            Assert.Equal(ScreeningKey.Of(IdentifierType.Url, new string(Text.AsSpan(0, length))), ScreeningKey.Of(IdentifierType.Url, Text.AsSpan(0, length)));
        }
    }

    [Fact]
    public void Of_TellsApartEveryLengthAndEveryOneCharacterChange()
    {
        var keys = new HashSet<ulong>();
        var values = 0;
        for (var length = 0; length <= 64; length++)
        {
            var value = Text[..length];
            Assert.True(keys.Add(ScreeningKey.Of(IdentifierType.Url, value)), $"length {length}");
            values++;
            for (var position = 0; position < length; position++)
            {
                var changed = string.Concat(value.AsSpan(0, position), "_", value.AsSpan(position + 1));
                if (changed != value)
                {
                    Assert.True(keys.Add(ScreeningKey.Of(IdentifierType.Url, changed)), $"length {length}, position {position}");
                    values++;
                }
            }
        }
        Assert.Equal(values, keys.Count);
        Assert.DoesNotContain(0UL, keys);
    }

    [Fact]
    public void Of_TellsApartTypes_AndAMillionNeighbouringPhoneNumbers()
    {
        Assert.NotEqual(ScreeningKey.Of(IdentifierType.Phone, "+442079460000"), ScreeningKey.Of(IdentifierType.BankAccount, "+442079460000"));
        // A million numbers that differ only in their last digits: 64-bit keys of a good hash collide with odds of 10⁻⁷.
        var keys = new HashSet<ulong>();
        for (var i = 0; i < 1_000_000; i++)
        {
            Assert.True(keys.Add(ScreeningKey.Of(IdentifierType.Phone, $"+4420794{i:D6}")), $"number {i}");
        }
    }
}
