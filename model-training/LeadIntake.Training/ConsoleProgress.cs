using System.Globalization;
using LeadIntake.Learning;

namespace LeadIntake.Training;

/// <summary>Writes training progress to a console writer (stderr): one line per step and per tenth of it, with the elapsed time.</summary>
/// <remarks>Thread-safe: the trainer may report from several threads. Reports are written synchronously.</remarks>
public sealed class ConsoleProgress : IProgress<TrainingProgress>
{
    private readonly Lock _gate = new();
    private readonly TextWriter _writer;
    private readonly TimeProvider _timeProvider;
    private readonly long _startedAt;
    private string? _step;
    private int _lastTenth = -1;

    /// <summary>Starts the elapsed-time clock now.</summary>
    public ConsoleProgress(TextWriter writer, TimeProvider timeProvider)
    {
        _writer = writer;
        _timeProvider = timeProvider;
        _startedAt = timeProvider.GetTimestamp();
    }

    /// <inheritdoc />
    public void Report(TrainingProgress value)
    {
        lock (_gate)
        {
            var tenth = value.Total > 0 ? Math.Clamp(value.Completed * 10 / value.Total, 0, 10) : 10;
            if (value.Step == _step && tenth == _lastTenth)
                return;

            _step = value.Step;
            _lastTenth = tenth;
            var elapsed = _timeProvider.GetElapsedTime(_startedAt).TotalSeconds;
            _writer.WriteLine(string.Format(
                CultureInfo.InvariantCulture, value.Total > 0 ? "  [{0,6:0.0} s] {1}: {2}/{3}" : "  [{0,6:0.0} s] {1}",
                elapsed, value.Step, value.Completed, value.Total));
        }
    }
}
