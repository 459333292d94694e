# frozen_string_literal: true
#
# lambdabox's Ruby bootstrap: loads a Lambda handler and runs invocations with the semantics of
# the AWS Ruby runtime, speaking the stdio transport of wit/stdio-transport.md.
#
# Two ways in, one message handler:
# - `ruby bootstrap.rb` (native, used by the tests): reads one JSON message per stdin line.
# - inside the CRuby WASI reactor (no stdin loop of its own): the host evaluates
#   `Lambdabox.handle_message('<message>')` once per message.
# Either way every answer is one nonce frame written to the real stdout (fd 1), while `$stdout`
# points at stderr so that `puts`, `print`, `p` and `Logger.new($stdout)` are logs.
#
# Works on Ruby 3.1 (Debian's, for the native tests) and 3.4 (the sandbox).

require 'json'

module Lambdabox
  # The context object, as the AWS Ruby runtime's `LambdaContext`.
  class LambdaContext
    attr_reader :aws_request_id, :invoked_function_arn, :log_group_name, :log_stream_name,
                :function_name, :memory_limit_in_mb, :function_version, :identity,
                :client_context, :deadline_ms

    # Transport field (camelCase) => reader (snake_case).
    FIELDS = {
      'awsRequestId' => :aws_request_id,
      'functionName' => :function_name,
      'functionVersion' => :function_version,
      'invokedFunctionArn' => :invoked_function_arn,
      'memoryLimitInMB' => :memory_limit_in_mb,
      'logGroupName' => :log_group_name,
      'logStreamName' => :log_stream_name,
      'deadlineMs' => :deadline_ms,
      'identity' => :identity,
      'clientContext' => :client_context
    }.freeze

    def initialize(fields, user_context)
      FIELDS.each { |key, name| instance_variable_set(:"@#{name}", fields[key]) }
      # AWS reads these from the environment: they are strings there.
      @memory_limit_in_mb = @memory_limit_in_mb.to_s unless @memory_limit_in_mb.nil?
      @deadline_ms = @deadline_ms.to_i
      merge(user_context) if user_context.is_a?(Hash)
    end

    # The user's `--context` is merged over the defaults: a known field may be named in
    # camelCase or snake_case; any other key becomes a reader of its own.
    def merge(user_context)
      user_context.each do |key, value|
        name = FIELDS[key] || key.to_s.to_sym
        next unless name.match?(/\A[a-z_][A-Za-z0-9_]*\z/)

        instance_variable_set(:"@#{name}", value)
        define_singleton_method(name) { instance_variable_get(:"@#{name}") } unless respond_to?(name)
      end
    end

    def get_remaining_time_in_millis
      remaining = @deadline_ms - Process.clock_gettime(Process::CLOCK_REALTIME, :millisecond)
      remaining.positive? ? remaining : 0
    end
  end

  # The handler string: `path/file.method` or `path/file.Module::Class.method`.
  class HandlerSpec
    attr_reader :file, :receiver, :method_name

    def initialize(handler)
      parts = handler.split('.')
      case parts.size
      when 2 then @file, @method_name = parts
      when 3 then @file, @receiver, @method_name = parts
      else
        raise ArgumentError, "Invalid handler #{parts}, must be of form FILENAME.METHOD or " \
                             'FILENAME.CLASS.METHOD where FILENAME corresponds with an existing ' \
                             'Ruby source file FILENAME.rb, CLASS is an optional module/class ' \
                             'namespace and METHOD is a callable method. If using CLASS, METHOD ' \
                             'must be a class-level method.'
      end
    end
  end

  # Lambda's error document. `classification` prefixes the type of errors raised while loading
  # the handler (`Init<LoadError>`), as the AWS runtime reports them.
  def self.error_document(error, classification = nil)
    type = classification ? "#{classification}<#{error.class}>" : error.class.to_s
    { 'type' => 'error', 'errorType' => type, 'errorMessage' => error.message,
      'stackTrace' => user_backtrace(error) }
  end

  # The backtrace up to the first frame of this bootstrap (the runtime's own frames are cut, as
  # the AWS runtime cuts its `lib/` frames).
  def self.user_backtrace(error)
    (error.backtrace || []).take_while { |line| !line.start_with?(BOOTSTRAP_FILE) }.first(100)
  end

  BOOTSTRAP_FILE = __FILE__

  # Calls the handler; the handler's own code runs only inside `invoke`.
  class Runner
    def initialize(spec, task_root)
      @spec = spec
      $LOAD_PATH.unshift(task_root) unless $LOAD_PATH.include?(task_root)
      require @spec.file
    end

    def invoke(event, context)
      result =
        if @spec.receiver
          Object.const_get(@spec.receiver).public_send(@spec.method_name, event: event, context: context)
        else
          # Top-level methods are private methods of Object, as for the AWS runtime.
          __send__(@spec.method_name, event: event, context: context)
        end
      result.to_json
    end
  end

  # Build the message handler. The nonce lives only in this closure's locals (not in a constant,
  # a global, the environment or ARGV); `busy` refuses re-entry so handler code cannot make the
  # bootstrap emit a frame of its choosing. `input` carries the host's answers to `http` frames.
  def self.install(out, input)
    nonce = nil
    runner = nil
    busy = false
    write = lambda do |message|
      out.write("\x1eLBX#{nonce}\x1f#{JSON.generate(message)}\n")
      out.flush
    end

    define_singleton_method(:handle_message) do |line|
      raise SecurityError, 'lambdabox: handle_message is not reentrant' if busy

      busy = true
      begin
        message = JSON.parse(line)
        case message['type']
        when 'init'
          nonce = message['nonce'].to_s
          raise ArgumentError, 'nonce must be 32 lowercase hex digits' unless nonce.match?(/\A\h{32}\z/)

          answer = Lambdabox.init(message) { |spec, root| runner = Runner.new(spec, root) }
        when 'invoke'
          answer = Lambdabox.invoke(runner, message)
        else
          answer = Lambdabox.error_document(ArgumentError.new("unknown message type #{message['type'].inspect}"))
        end
        # Logs first, so that they precede the answer in the captured output.
        Lambdabox.flush_logs
        write.call(answer)
      ensure
        busy = false
      end
      nil
    end

    # The handler's outbound HTTP request (net_http.rb): one `http` frame, answered by one line
    # on stdin. Only `http` frames can be made this way. `body` is a binary string; `timeout`
    # (seconds) caps the request below the function's remaining time.
    define_singleton_method(:http_exchange) do |method, url, headers, body, follow_redirects: false, timeout: nil|
      raise IOError, 'lambdabox: HTTP requests can only be made while the handler runs' unless busy

      message = { 'type' => 'http', 'method' => method.to_s, 'url' => url.to_s,
                  'headers' => headers.map { |k, v| [k.to_s, v.to_s] }, 'body' => [body.to_s].pack('m0') }
      message['redirect'] = 'manual' unless follow_redirects
      message['timeoutMs'] = (timeout * 1000).ceil if timeout
      Lambdabox.flush_logs
      write.call(message)
      line = input.gets or raise EOFError, 'lambdabox: the host did not answer an HTTP request'
      JSON.parse(line)
    end
  end

  def self.init(message)
    apply_environment(message['env']) if message['env'].is_a?(Hash)
    task_root = message['taskRoot'].to_s
    Dir.chdir(task_root) if Dir.exist?(task_root)
    # A snapshot froze the generator's state: draw a fresh seed from the (host-controlled) WASI
    # random source, which is seeded under --deterministic.
    srand(Random.new_seed)
    yield HandlerSpec.new(message['handler'].to_s), task_root
    { 'type' => 'ready' }
  rescue Exception => e # rubocop:disable Lint/RescueException -- any load failure is reported
    error_document(e, 'Init')
  end

  def self.invoke(runner, message)
    return error_document(RuntimeError.new('invoke before a successful init')) unless runner

    context = LambdaContext.new(message['context'] || {}, (message['context'] || {})['userContext'])
    { 'type' => 'result', 'payload' => runner.invoke(message['event'], context) }
  rescue Exception => e # rubocop:disable Lint/RescueException -- SystemStackError, NoMemoryError, ...
    error_document(e)
  end

  # In the reactor the environment was frozen into the snapshot: the host sends the function's
  # environment with `init` and it replaces the process environment.
  def self.apply_environment(env)
    ENV.replace(env.transform_values(&:to_s))
    # RubyGems memoized its paths from the snapshot's environment: GEM_PATH (vendored gems under
    # /var/task/vendor/bundle) is read again on the next gem lookup.
    Gem.clear_paths if defined?(Gem.clear_paths)
  end

  def self.flush_logs
    [$stdout, $stderr, STDOUT, STDERR].uniq.each do |io|
      io.flush
    rescue StandardError
      nil
    end
  end

  # Stdin loop for the native (command) mode; end of input means exit 0.
  def self.serve(input)
    input.each_line { |line| handle_message(line) unless line.strip.empty? }
  end
end

Lambdabox.install(IO.new(1, 'w', autoclose: false).tap(&:binmode), STDIN)
$stdout = STDERR
ARGV.clear
Lambdabox.serve($stdin) if $PROGRAM_NAME == __FILE__
