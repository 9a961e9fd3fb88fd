"""The three CUSTOM_AUTH triggers of the test pool, run by ministack's local Lambda
executor: one question ("say the magic word"), three tries, then the sign-in fails."""

ANSWER = "open-sesame"


def define(event, context):
    session = event["request"]["session"]
    last = session[-1] if session else None
    if last and last["challengeName"] == "CUSTOM_CHALLENGE" and last["challengeResult"] is True:
        event["response"].update(issueTokens=True, failAuthentication=False)
    elif len(session) >= 3:
        event["response"].update(issueTokens=False, failAuthentication=True)
    else:
        event["response"].update(
            issueTokens=False, failAuthentication=False, challengeName="CUSTOM_CHALLENGE"
        )
    return event


def create(event, context):
    event["response"]["publicChallengeParameters"] = {
        "hint": "say the magic word",
        "round": str(len(event["request"]["session"]) + 1),
    }
    event["response"]["privateChallengeParameters"] = {"answer": ANSWER}
    event["response"]["challengeMetadata"] = "MAGIC_WORD"
    return event


def verify(event, context):
    request = event["request"]
    event["response"]["answerCorrect"] = (
        request["challengeAnswer"] == request["privateChallengeParameters"]["answer"]
    )
    return event
