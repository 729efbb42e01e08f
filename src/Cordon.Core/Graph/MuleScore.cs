namespace Cordon.Core.Graph;

/// <summary>
/// How likely an account or wallet is a money mule, 0–100, from what victim reports say about it (docs/cases.md):
/// 25 per doubling of distinct victims beyond one, 15 per further victim country, up to 20 for the loss
/// (10 per tenfold above 1,000 in the reporting currency), plus 10 when the last payment was within 30 days (5 within 90).
/// </summary>
public static class MuleScore
{
    public static int Of(int victims, int countries, decimal loss, DateTimeOffset lastOccurred, DateTimeOffset now)
    {
        var score = 25 * Math.Log2(Math.Max(1, victims))
                    + 15 * Math.Max(0, countries - 1)
                    + Math.Min(20, 10 * Math.Log10(1 + ((double)loss / 1000)))
                    + ((now - lastOccurred).TotalDays switch { <= 30 => 10, <= 90 => 5, _ => 0 });
        return (int)Math.Clamp(Math.Round(score), 0, 100);
    }
}
