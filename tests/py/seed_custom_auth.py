"""Seeds ministack's Lambda service with the CUSTOM_AUTH triggers of
custom_auth_lambdas.py (an IAM role first: ministack checks it exists) and prints
{"DefineAuthChallenge": arn, "CreateAuthChallenge": arn, "VerifyAuthChallengeResponse": arn}.

Usage: python seed_custom_auth.py <endpoint>"""

import io
import json
import pathlib
import sys
import zipfile

import boto3
from botocore.config import Config

endpoint = sys.argv[1]
kw = dict(
    endpoint_url=endpoint,
    region_name="us-east-1",
    aws_access_key_id="test",
    aws_secret_access_key="test",
    config=Config(retries={"max_attempts": 0}),
)
iam = boto3.client("iam", **kw)
lam = boto3.client("lambda", **kw)

code = (pathlib.Path(__file__).parent / "custom_auth_lambdas.py").read_text()
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w") as z:
    z.writestr("index.py", code)

trust = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {"Service": "lambda.amazonaws.com"},
            "Action": "sts:AssumeRole",
        }
    ],
}
role = iam.create_role(
    RoleName="cognito-desk-custom-auth", AssumeRolePolicyDocument=json.dumps(trust)
)["Role"]["Arn"]
arns = {}
for trigger, handler in [
    ("DefineAuthChallenge", "define"),
    ("CreateAuthChallenge", "create"),
    ("VerifyAuthChallengeResponse", "verify"),
]:
    created = lam.create_function(
        FunctionName=f"cognito-desk-{handler}",
        Runtime="python3.12",
        Handler=f"index.{handler}",
        Role=role,
        Code={"ZipFile": buf.getvalue()},
        Timeout=10,
    )
    arns[trigger] = created["FunctionArn"]
print(json.dumps(arns))
