using Azure;

namespace LeadIntake.Storage;

/// <summary>A <see cref="NullableResponse{T}"/> for "not found": the raw response, and no value.</summary>
internal sealed class NoValueResponse<T>(Response response) : NullableResponse<T>
{
    public override bool HasValue => false;

    public override T Value => throw new InvalidOperationException(
        $"The response has no value (status {response.Status}); check HasValue first.");

    public override Response GetRawResponse() => response;
}
