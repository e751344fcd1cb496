using System.Text;
using LeadIntake.Application.PersonalData;
using LeadIntake.Domain.Capture;
using Microsoft.Extensions.Time.Testing;

namespace LeadIntake.Application.Tests.PersonalData;

/// <summary>Erasure and access use cases on an in-memory store: who the email names, what is answered, nothing else touched.</summary>
public sealed class PersonalDataTests
{
    private static readonly LeadIdentity s_identity = new(Encoding.UTF8.GetBytes("application-test-secret-0123456789"));
    private static readonly DateTimeOffset s_now = new(2026, 12, 2, 6, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("  Jane.Doe@Example.COM ", "Jane.Doe@example.com")] // trimmed, domain lower-cased, local part as typed (as capture stores it)
    [InlineData("jane.doe@example.com", "jane.doe@example.com")]
    public void From_AddressAsTyped_NormalisedLikeCaptureAndTheSameLeadIdWhateverTheCase(string typed, string normalised)
    {
        var subject = DataSubject.From(typed, s_identity, out var error);

        Assert.Equal("", error);
        Assert.Equal(new DataSubject(s_identity.LeadIdFor("jane.doe@example.com"), normalised), subject);
    }

    [Theory]
    [InlineData(null, "Enter your email address.")]
    [InlineData("", "Enter your email address.")]
    [InlineData("jane", "Enter a valid email address, like name@example.com.")]
    [InlineData("jane@@example.com", "Enter a valid email address, like name@example.com.")]
    public void From_NotAnAddress_NullWithCapturesMessage(string? typed, string message)
    {
        Assert.Null(DataSubject.From(typed, s_identity, out var error));
        Assert.Equal(message, error);
    }

    [Fact]
    public async Task Erase_StoredPerson_CountsPerTableAndFound()
    {
        var store = new FakeStore { Deleted = new(new Dictionary<string, int> { ["Leads"] = 2, ["FunnelDaily"] = 0 }, new Dictionary<string, int> { ["lead-captured-poison"] = 1 }) };
        var subject = DataSubject.From("jane@example.com", s_identity, out _)!;

        var erased = await new ErasePerson(store, new FakeTimeProvider(s_now)).RunAsync(subject, CancellationToken.None);

        Assert.Equal([subject], store.Erased);
        Assert.Empty(store.Read);
        Assert.Equal(subject.LeadId, erased.LeadId);
        Assert.Equal(s_now, erased.ErasedAt);
        Assert.Equal(2, erased.Deleted["Leads"]);
        Assert.Equal(1, erased.DeletedMessages["lead-captured-poison"]);
        Assert.True(erased.Found);
    }

    [Fact]
    public async Task Erase_NobodyStored_ZeroCountsNotFoundAndNoError()
    {
        var store = new FakeStore { Deleted = new(new Dictionary<string, int> { ["Leads"] = 0 }, new Dictionary<string, int> { ["lead-captured-poison"] = 0 }) };

        var erased = await new ErasePerson(store, new FakeTimeProvider(s_now)).RunAsync(DataSubject.From("nobody@example.com", s_identity, out _)!, CancellationToken.None);

        Assert.False(erased.Found);
        Assert.Equal(0, erased.Deleted["Leads"]);
    }

    [Fact]
    public async Task Export_StoredPerson_RowsAsTheStoreReadThemWithTheSubjectAndTime()
    {
        var row = new StoredRecord { ["PartitionKey"] = "ld_x", ["RowKey"] = "lead", ["Email"] = "jane@example.com" };
        var store = new FakeStore
        {
            Records = new(new Dictionary<string, IReadOnlyList<StoredRecord>> { ["Leads"] = [row], ["StageHistory"] = [] }, new Dictionary<string, IReadOnlyList<StoredRecord>>()),
        };
        var subject = DataSubject.From("jane@example.com", s_identity, out _)!;

        var export = await new ExportPersonalData(store, new FakeTimeProvider(s_now)).RunAsync(subject, CancellationToken.None);

        Assert.Equal([subject], store.Read);
        Assert.Empty(store.Erased);
        Assert.Equal((subject.LeadId, "jane@example.com", s_now), (export.LeadId, export.Email, export.ExportedAt));
        Assert.Same(row, Assert.Single(export.Tables["Leads"]));
        Assert.Empty(export.Tables["StageHistory"]);
        Assert.True(export.Found);
    }

    private sealed class FakeStore : IPersonalDataStore
    {
        public PersonalDataRecords Records { get; init; } = new(new Dictionary<string, IReadOnlyList<StoredRecord>>(), new Dictionary<string, IReadOnlyList<StoredRecord>>());

        public PersonalDataDeletions Deleted { get; init; } = new(new Dictionary<string, int>(), new Dictionary<string, int>());

        public List<DataSubject> Read { get; } = [];

        public List<DataSubject> Erased { get; } = [];

        public Task<PersonalDataRecords> ReadAsync(DataSubject subject, CancellationToken cancellationToken)
        {
            Read.Add(subject);
            return Task.FromResult(Records);
        }

        public Task<PersonalDataDeletions> EraseAsync(DataSubject subject, CancellationToken cancellationToken)
        {
            Erased.Add(subject);
            return Task.FromResult(Deleted);
        }
    }
}
