namespace LeadIntake.Training.Tests;

public sealed class ColumnListTests
{
    [Fact]
    public void Split_RepeatedAndCommaSeparated_FlattensTrimsAndDeduplicates()
    {
        var columns = ColumnList.Split(["Tags, Lead Quality", "City", "Tags", " ,"]);

        Assert.Equal(["Tags", "Lead Quality", "City"], columns);
    }

    [Fact]
    public void Split_Null_IsEmpty()
    {
        Assert.Empty(ColumnList.Split(null));
    }
}
