// What a team is woken for: a message moved to a '-poison' queue, SLA breaches above a rate, and 5xx answers above a
// rate. All three are log alerts over Application Insights, because:
// - queue metrics have no per-queue dimension (QueueMessageCount is one figure for the whole account, refreshed about
//   hourly), so "anything in a -poison queue" cannot be a metric alert. The Functions host logs every move, at Warning:
//   "Message has reached MaxDequeueCount of 5. Moving message to queue 'lead-captured-poison'." — that line is the signal.
// - SlaCheck logs one line per run, "SLA check: N deadline row(s) read, M breach(es), …" (Warning when M > 0).
// - the 5xx rate is a share of requests (resultCode is a string in the requests table), which a log query computes.

@description('Azure region.')
param location string

@description('Prefix of the alert names.')
param namePrefix string

@description('Resource id of the Application Insights component.')
param appInsightsId string

@description('Email address that receives the alerts; empty creates the action group without a receiver.')
param alertEmail string

@description('Breaches in one hour above which the SLA alert fires.')
@minValue(0)
param slaBreachesPerHour int

@description('Share of 5xx answers, in percent over 15 minutes, above which the 5xx alert fires.')
@minValue(1)
@maxValue(100)
param http5xxPercent int

@description('Fewest 5xx answers in the 15 minutes before the 5xx alert can fire (one failure of two requests is noise).')
@minValue(1)
param http5xxMinimumCount int

param tags object = {}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: '${namePrefix}-alerts'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'leadintake'
    enabled: true
    emailReceivers: empty(alertEmail)
      ? []
      : [
          {
            name: 'team'
            emailAddress: alertEmail
            useCommonAlertSchema: true
          }
        ]
  }
}

var poisonQuery = '''
traces
| where message has "Moving message to queue" and message matches regex @"queue '[a-z0-9-]+-poison'"
| extend queue = extract(@"queue '([a-z0-9-]+-poison)'", 1, message)
| summarize moved = count() by queue
'''

var slaQuery = '''
traces
| where message startswith "SLA check: "
| extend breaches = toint(extract(@"(\d+) breach\(es\)", 1, message))
| summarize breaches = sum(breaches)
'''

var http5xxQuery = format(
  '''
requests
| summarize total = count(), failed = countif(toint(resultCode) >= 500)
| where failed >= {0}
| extend percent = 100.0 * failed / total
''',
  http5xxMinimumCount
)

resource poisonAlert 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: '${namePrefix}-poison-message'
  location: location
  tags: tags
  properties: {
    displayName: 'LeadIntake: a message was moved to a -poison queue'
    description: 'A queue message failed 5 times and now waits in a -poison queue (README "Queues and blobs"). Look at it in Storage Explorer; the dimension names the queue.'
    severity: 1
    enabled: true
    scopes: [appInsightsId]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT5M'
    criteria: {
      allOf: [
        {
          query: poisonQuery
          timeAggregation: 'Total'
          metricMeasureColumn: 'moved'
          dimensions: [
            {
              name: 'queue'
              operator: 'Include'
              values: ['*']
            }
          ]
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: false
    actions: {
      actionGroups: [actionGroup.id]
    }
  }
}

resource slaAlert 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: '${namePrefix}-sla-breaches'
  location: location
  tags: tags
  properties: {
    displayName: 'LeadIntake: SLA breaches above ${slaBreachesPerHour} per hour'
    description: 'SlaCheck recorded more breaches in the last hour than the threshold (rows in SlaBreaches, messages on sla-breaches).'
    severity: 2
    enabled: true
    scopes: [appInsightsId]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT1H'
    criteria: {
      allOf: [
        {
          query: slaQuery
          timeAggregation: 'Total'
          metricMeasureColumn: 'breaches'
          operator: 'GreaterThan'
          threshold: slaBreachesPerHour
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [actionGroup.id]
    }
  }
}

resource http5xxAlert 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: '${namePrefix}-http-5xx'
  location: location
  tags: tags
  properties: {
    displayName: 'LeadIntake: more than ${http5xxPercent}% of requests answered 5xx'
    description: 'Includes the 503 + Retry-After answered while storage is unreachable: landing pages retry, but a lasting outage loses leads.'
    severity: 1
    enabled: true
    scopes: [appInsightsId]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: http5xxQuery
          timeAggregation: 'Maximum'
          metricMeasureColumn: 'percent'
          operator: 'GreaterThan'
          threshold: http5xxPercent
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [actionGroup.id]
    }
  }
}

@description('Resource id of the action group.')
output actionGroupId string = actionGroup.id
