using System.Globalization;
using Cordon.Bench;

// Benchmarks and their data. Usage:
//   dotnet run -c Release --project bench/Cordon.Bench -- import-csv ROWS FILE    write a CSV of realistic indicators
return args switch
{
    ["import-csv", var rows, var file] => ImportCsv.Write(long.Parse(rows, CultureInfo.InvariantCulture), file),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Cordon.Bench import-csv ROWS FILE");
    return 2;
}
