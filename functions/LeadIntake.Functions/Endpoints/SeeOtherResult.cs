namespace LeadIntake.Functions.Endpoints;

/// <summary><c>303 See Other</c>: after a form post, the browser GETs <see cref="Location"/> (post/redirect/get).</summary>
public sealed class SeeOtherResult(string location) : IResult
{
    /// <summary>Where the browser is sent.</summary>
    public string Location { get; } = location;

    /// <inheritdoc />
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
        httpContext.Response.Headers.Location = Location;
        return Task.CompletedTask;
    }
}
