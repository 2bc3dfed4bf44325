// Threads that help callers run the iterations of a loop. A pool starts no
// thread until a caller asks for help, then keeps its threads until it is
// destroyed (thread creation costs tens of microseconds; a batch of small
// charts should not pay it every time). Concurrent callers share the
// threads: each Run names how many threads it may use, and the calling
// thread always works on its own loop too, so every Run makes progress even
// while all workers are busy with another.
#ifndef CANDLEWICK_CC_RENDERER_WORKER_POOL_H_
#define CANDLEWICK_CC_RENDERER_WORKER_POOL_H_

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <thread>

namespace candlewick {

// The CPUs this process may run on (its affinity mask), at least 1.
uint32_t AvailableCpuCount();

class WorkerPool {
 public:
  // The most threads one Run may use, the caller included.
  static constexpr uint32_t kMaxThreads = 256;

  using Task = void (*)(void* context, size_t index);

  WorkerPool() = default;
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;
  // Stops and joins the workers. No Run may be in progress.
  ~WorkerPool();

  // Calls task(context, i) exactly once for every i in [0, count), on the
  // calling thread and at most threads - 1 workers (fewer when the system
  // refuses to start more threads, or when count is small), and returns
  // when every call has returned: what the calls wrote is then visible to
  // the caller. Iterations are claimed in increasing order. `task` must not
  // throw. Thread-safe. Allocates nothing once the workers are started.
  void Run(size_t count, uint32_t threads, Task task, void* context);

  // Worker threads started so far.
  uint32_t started() const;

 private:
  struct Group;

  void Work();
  // Starts workers until `wanted` run (at most kMaxThreads - 1); returns
  // how many run. Holds mu_.
  uint32_t GrowLocked(uint32_t wanted);
  // The oldest group that still has unclaimed iterations and room for a
  // helper. Holds mu_.
  Group* FindGroupLocked() const;

  mutable std::mutex mu_;
  std::condition_variable work_cv_;  // workers: a group arrived, or stop
  std::condition_variable done_cv_;  // callers: a helper left a group
  Group* oldest_ = nullptr;          // groups with work, in arrival order
  Group* newest_ = nullptr;
  bool stop_ = false;
  uint32_t started_ = 0;
  std::thread threads_[kMaxThreads - 1];
};

}  // namespace candlewick

#endif  // CANDLEWICK_CC_RENDERER_WORKER_POOL_H_
