using LeadIntake.Learning.Calibration;

namespace LeadIntake.Learning.Tests;

public class PlattCalibratorTests
{
    [Fact]
    public void Fit_LabelsDrawnFromKnownSigmoid_RecoversSlopeAndOffset()
    {
        // Truth: p = σ(0.5·raw − 1); 50 000 draws → estimates within a few hundredths.
        var random = new Random(6);
        var raw = Enumerable.Range(0, 50_000).Select(_ => random.NextDouble() * 12 - 6).ToArray();
        var labels = raw.Select(r => random.NextDouble() < PlattCalibrator.Sigmoid(0.5 * r - 1) ? 1.0 : 0).ToArray();

        var calibrator = PlattCalibrator.Fit(raw, labels);

        Assert.InRange(calibrator.A, 0.46, 0.54);
        Assert.InRange(calibrator.B, -1.06, -0.94);
    }
}
