using System.Globalization;
using System.Text.Json;
using LeadIntake.LocalHost.Rpc;
using NCrontab;

namespace LeadIntake.LocalHost;

/// <summary>Fires one timer-triggered function on its schedule.</summary>
/// <remarks>
/// Schedules: a 6-field NCRONTAB expression (seconds first), or a <c>hh:mm:ss</c> interval, either possibly behind
/// <c>%Setting%</c>; <c>runOnStartup</c> fires once at start. Runs never overlap: the next occurrence is computed after
/// the previous invocation completes (in local time), so occurrences missed meanwhile are skipped. Unlike the real
/// host there is no singleton lock, schedule monitor or past-due detection, so <c>IsPastDue</c> is always false.
/// </remarks>
public sealed class TimerScheduler(FunctionDescriptor function, HostSettings settings, WorkerSupervisor supervisor, ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger($"Host.Timer.{function.Name}");

    /// <summary>Fires until <paramref name="stop"/> fires; an invocation already running is let finish.</summary>
    /// <exception cref="FormatException">The schedule is neither NCRONTAB nor a TimeSpan.</exception>
    public async Task RunAsync(CancellationToken stop)
    {
        var next = Schedule(settings.Resolve(function.TriggerProperty("schedule") ?? throw new FormatException($"Timer function {function.Name} has no schedule.")));
        DateTime? last = null;
        if (string.Equals(function.TriggerProperty("runOnStartup"), "true", StringComparison.OrdinalIgnoreCase))
            last = await FireAsync(last, next(DateTime.Now), stop);

        var due = next(DateTime.Now);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var wait = due - DateTime.Now;
                if (wait > TimeSpan.Zero)
                    await Task.Delay(wait, stop);
                last = await FireAsync(last, next(due), stop);
                // From the later of due and now: a timer that wakes early must not fire twice for one occurrence,
                // and occurrences missed while the function ran are skipped, as the host does.
                var now = DateTime.Now;
                due = next(due > now ? due : now);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
        }
    }

    private async Task<DateTime> FireAsync(DateTime? last, DateTime next, CancellationToken stop)
    {
        var now = DateTime.Now;
        // The TimerInfo JSON the worker deserializes: Schedule.AdjustForDST, ScheduleStatus.{Last,Next,LastUpdated}, IsPastDue.
        var timerInfo = JsonSerializer.Serialize(new
        {
            Schedule = new { AdjustForDST = true },
            ScheduleStatus = new { Last = last ?? DateTime.MinValue, Next = next, LastUpdated = now },
            IsPastDue = false,
        });
        var invocation = function.NewInvocation();
        invocation.InputData.Add(new ParameterBinding { Name = function.TriggerName, Data = new TypedData { Json = timerInfo } });
        try
        {
            var connection = await supervisor.WaitReadyAsync(stop);
            var response = await connection.InvokeAsync(invocation, CancellationToken.None);
            if (response.Result?.Status != StatusResult.Types.Status.Success)
                _logger.LogError("Executed 'Functions.{Function}' (Failed, Id={Id}): {Reason}", function.Name, invocation.InvocationId, WorkerException.Reason(response.Result));
        }
        catch (WorkerUnavailableException exception)
        {
            _logger.LogWarning("Timer {Function} missed its run at {Now}: {Reason}", function.Name, now.ToString("O", CultureInfo.InvariantCulture), exception.Message);
        }

        return now;
    }

    private static Func<DateTime, DateTime> Schedule(string expression)
    {
        if (expression.Contains(':') && TimeSpan.TryParse(expression, CultureInfo.InvariantCulture, out var interval) && interval > TimeSpan.Zero)
            return from => from + interval;
        var cron = CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true })
            ?? throw new FormatException($"Timer schedule '{expression}' is neither a 6-field NCRONTAB expression nor a TimeSpan.");
        return cron.GetNextOccurrence;
    }
}
