using LeadIntake.Learning.Evaluation;

namespace LeadIntake.Learning.Tests;

public class ThresholdAdvisorTests
{
    [Fact]
    public void Recommend_CalibratedScores_SqlFitsCapacityAndMqlMeetsMarginalRate()
    {
        // Ten leads at every score 0–99; of the ten at score s, round(s/10) convert, so a band converts at about s %.
        var scores = Enumerable.Range(0, 1000).Select(i => i / 10).ToArray();
        var labels = Enumerable.Range(0, 1000).Select(i => i % 10 < Math.Round(i / 10 / 10.0) ? 1.0 : 0).ToArray();
        var options = new TrainingOptions { Label = "y", WeeklyLeadVolume = 1000, WeeklySalesCapacity = 100, SqlTargetPrecision = 0.7, MqlTargetPrecision = 0.5 };

        var recommendation = ThresholdAdvisor.Recommend(scores, labels, options);

        // 100 of 1000 leads a week fit capacity from score 90 up; they convert at about 95 % (above the 70 % target).
        Assert.Equal(90, recommendation.SalesQualified.Score);
        Assert.Equal(100, recommendation.SalesQualified.LeadsPerWeek, 9);
        // The band from 45 to 54 converts at 50 %: the first band to reach the MQL target.
        Assert.InRange(recommendation.MarketingQualified.Score, 40, 50);
    }

    [Fact]
    public void Recommend_UnreachableSqlPrecision_FallsBackToCapacityWithNote()
    {
        var scores = Enumerable.Range(0, 1000).Select(i => i / 10).ToArray();
        var labels = Enumerable.Range(0, 1000).Select(i => i % 5 == 0 ? 1.0 : 0).ToArray();   // 20 % everywhere
        var options = new TrainingOptions { Label = "y", WeeklyLeadVolume = 1000, WeeklySalesCapacity = 100, SqlTargetPrecision = 0.7 };

        var recommendation = ThresholdAdvisor.Recommend(scores, labels, options);

        Assert.Equal(90, recommendation.SalesQualified.Score);
        Assert.Contains(recommendation.Notes, n => n.Contains("No threshold reaches the SQL target precision"));
    }
}
