# Runs one Lambda handler with native Ruby, independently of lambdabox's bootstrap, for the
# differential test (tests/it/ruby_diff.rs).
#
#   ruby ruby-harness.rb TASK_ROOT HANDLER EVENT_FILE
#
# Prints one JSON object: {"payload": "<result.to_json>"} or {"errorType": ..., "errorMessage": ...}.
require 'json'

task_root, handler, event_file = ARGV
$LOAD_PATH.unshift(task_root)
file, *names = handler.split('.')
method_name = names.pop
receiver = names.first

HarnessContext = Struct.new(:function_name, :function_version, :invoked_function_arn, :memory_limit_in_mb,
                            :aws_request_id, :log_group_name, :log_stream_name, :deadline_ms, :identity,
                            :client_context, keyword_init: true) do
  def get_remaining_time_in_millis
    [deadline_ms - (Time.now.to_f * 1000).to_i, 0].max
  end
end

context = HarnessContext.new(function_name: 'diff', function_version: '$LATEST', memory_limit_in_mb: '128',
                             aws_request_id: 'diff-request', deadline_ms: (Time.now.to_f * 1000).to_i + 60_000)
real_stdout = $stdout
$stdout = $stderr
answer =
  begin
    require file
    event = JSON.parse(File.read(event_file))
    result = receiver ? Object.const_get(receiver).public_send(method_name, event: event, context: context) : send(method_name, event: event, context: context)
    { 'payload' => result.to_json }
  rescue Exception => e # rubocop:disable Lint/RescueException
    { 'errorType' => e.class.to_s, 'errorMessage' => e.message }
  end
real_stdout.write(JSON.generate(answer))
