using System.Globalization;
using System.Text;
using Cordon.Core.Text;

namespace Cordon.Application.Operations;

/// <summary>An operation's report as CSV, for the API, the console and the CLI alike.</summary>
public static class OperationReport
{
    /// <summary>The board as one table: totals, then each participant, then each country.</summary>
    public static string Csv(OperationView view)
    {
        var csv = new StringBuilder("scope,key,name,measure,currency,from_requests,reported,total\r\n");
        void Rows(string scope, string key, string name, IEnumerable<BoardFigure> figures)
        {
            foreach (var f in figures)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{scope},{CsvCell.Write(key)},{CsvCell.Write(name)},{f.Measure},{f.Currency},")
                    .Append(CultureInfo.InvariantCulture, $"{f.FromRequests:0.####},{f.Reported:0.####},{f.Total:0.####}\r\n");
            }
        }
        Rows("total", view.Operation.Id.ToString(), view.Operation.Name, view.Board.Totals);
        foreach (var row in view.Board.ByParticipant)
        {
            Rows("participant", row.Key, row.Name, row.Figures);
        }
        foreach (var row in view.Board.ByCountry)
        {
            Rows("country", row.Key, row.Name, row.Figures);
        }
        return csv.ToString();
    }
}
