using Cordon.Core.Text;

namespace Cordon.Core.Tests;

public sealed class CsvCellTests
{
    [Theory]
    [InlineData("=cmd|'/C calc'!A0@x.example", "\"'=cmd|'/C calc'!A0@x.example\"")]
    [InlineData("+442079460999", "\"'+442079460999\"")]
    [InlineData("-2+3", "\"'-2+3\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("\tx", "\"'\tx\"")]
    [InlineData("plain.example", "plain.example")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("'quoted", "\"'quoted\"")]
    public void Cells_AreQuoted_AndFormulasNeutralised(string value, string written) => Assert.Equal(written, CsvCell.Write(value));

    [Theory]
    [InlineData("=1+1")]
    [InlineData("+44 20 7946 0999")]
    [InlineData("'quoted")]
    [InlineData("''=x")]
    [InlineData("'=x")]
    [InlineData("'")]
    [InlineData("plain")]
    public void ACellReadBack_IsTheValue(string value)
    {
        var written = CsvCell.Write(value);
        var unquoted = written.StartsWith('"') ? written[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : written;
        Assert.Equal(value, CsvCell.Read(unquoted));
    }
}
