using Azure.Core;
using Azure.Core.Pipeline;
using LeadIntake.Storage.Queues;
using Xunit;

namespace LeadIntake.Storage.IntegrationTests;

/// <summary>The Queue/Blob Shared Key string-to-sign, checked against the format in the Shared Key REST docs (no I/O).</summary>
public sealed class StorageSharedKeyPipelinePolicyTests
{
    [Fact]
    public void StringToSign_GetMessagesOnPathStyleUrl_SignsAccountTwiceAndSortedQuery()
    {
        var request = HttpPipelineBuilder.Build(new QueueClientOptions()).CreateRequest();
        request.Method = RequestMethod.Get;
        request.Uri.Reset(new Uri("http://127.0.0.1:10001/devstoreaccount1/orders-in/messages?visibilitytimeout=30&numofmessages=1"));
        request.Headers.SetValue("x-ms-version", "2025-11-05");
        request.Headers.SetValue("x-ms-date", "Sun, 22 Nov 2026 08:00:00 GMT");

        var text = StorageSharedKeyPipelinePolicy.StringToSign(request, "devstoreaccount1");

        // VERB, 11 empty standard headers, x-ms-* headers sorted, then /account + path and the sorted, decoded query.
        Assert.Equal(
            "GET\n\n\n\n\n\n\n\n\n\n\n\n"
            + "x-ms-date:Sun, 22 Nov 2026 08:00:00 GMT\nx-ms-version:2025-11-05\n"
            + "/devstoreaccount1/devstoreaccount1/orders-in/messages\nnumofmessages:1\nvisibilitytimeout:30",
            text);
    }

    [Fact]
    public void StringToSign_PutWithBodyAndConditions_FillsLengthTypeAndIfMatch()
    {
        var request = HttpPipelineBuilder.Build(new QueueClientOptions()).CreateRequest();
        request.Method = RequestMethod.Put;
        request.Uri.Reset(new Uri("https://acct.blob.core.windows.net/models/v%201.json"));
        request.Headers.SetValue("Content-Type", "application/octet-stream");
        request.Headers.SetValue("If-Match", "\"0x1\"");
        request.Headers.SetValue("x-ms-blob-type", "BlockBlob");
        request.Content = RequestContent.Create(new byte[5]);

        var text = StorageSharedKeyPipelinePolicy.StringToSign(request, "acct");

        Assert.Equal(
            "PUT\n\n\n5\n\napplication/octet-stream\n\n\n\"0x1\"\n\n\n\n"
            + "x-ms-blob-type:BlockBlob\n"
            + "/acct/models/v%201.json",
            text);
    }
}
