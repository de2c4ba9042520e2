using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Autograd.Benchmarks;

/// <summary>
/// A summary column of flops per second from the mean time, for any benchmark that can say how many floating-point
/// operations one invocation does. A case it has no count for shows "-".
/// </summary>
/// <param name="flopsPerInvocation">The flops one invocation of a case does, or null when the column does not apply.</param>
/// <param name="legend">What is counted, for the summary's legend.</param>
public sealed class GflopsColumn(Func<BenchmarkCase, double?> flopsPerInvocation, string legend) : IColumn
{
    public string Id => nameof(GflopsColumn);

    public string ColumnName => "GFLOP/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => legend;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        // Flops per nanosecond is GFLOP/s.
        if (summary[benchmarkCase]?.ResultStatistics is not { } statistics || flopsPerInvocation(benchmarkCase) is not { } flops)
        {
            return "-";
        }

        return (flops / statistics.Mean).ToString("F1", CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
