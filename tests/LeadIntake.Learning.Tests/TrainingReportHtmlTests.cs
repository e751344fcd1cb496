using LeadIntake.Learning.Data;

namespace LeadIntake.Learning.Tests;

public class TrainingReportHtmlTests
{
    [Fact]
    public void Render_Synthetic_HasEveryChartAndSection()
    {
        var html = TrainingReportHtml.Render(LeadModelTrainer.Train(SyntheticLeads.Generate(600, 13), SyntheticLeads.Options()));

        foreach (var id in new[] { "roc-chart", "lift-chart", "gains-chart", "calibration-chart", "score-distribution-chart", "importance-chart" })
            Assert.Contains($"<svg id=\"{id}\"", html);
        foreach (var id in new[] { "summary", "cross-validation", "leakage", "id-columns", "thresholds", "calibration-table", "scorecard" })
            Assert.Contains($"<section id=\"{id}\"", html);
        Assert.Contains("Lead ID", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", ""));
    }

    [Fact]
    public void Render_HostileColumnName_IsEscaped()
    {
        var data = SyntheticLeads.Generate(600, 13);
        var hostile = new TabularData(data.Columns.Select(c => c == "Source" ? "<script>alert(1)</script>" : c).ToArray(), data.Rows);

        var html = TrainingReportHtml.Render(LeadModelTrainer.Train(hostile, SyntheticLeads.Options()));

        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
    }
}
