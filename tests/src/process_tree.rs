//! Processes under a pid, read from `/proc`: the GUI tests check that a window's
//! processes end, and the benchmark sums their memory.

/// A process as `/proc` shows it: the start time tells a reused pid apart.
#[derive(Debug)]
pub struct Process {
    pub pid: u32,
    /// The name as the kernel keeps it: cut to 15 bytes.
    pub name: String,
    started: u64,
}

impl Process {
    /// None once it is gone, dead, or a zombie (an exited child whose parent has not
    /// reaped it).
    pub fn read(pid: u32) -> Option<Self> {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        // "pid (name) state ppid …": the name may hold spaces and parentheses.
        let (head, rest) = stat.rsplit_once(") ")?;
        let name = head.split_once(" (")?.1.to_owned();
        let fields: Vec<&str> = rest.split_whitespace().collect();
        if matches!(fields.first(), Some(&"Z" | &"X")) {
            return None;
        }
        // `rest` starts at field 3 (state); the start time is field 22.
        let started = fields.get(19)?.parse().ok()?;
        Some(Self { pid, name, started })
    }

    /// Still the same process, and not a zombie.
    pub fn running(&self) -> bool {
        Self::read(self.pid).is_some_and(|now| now.started == self.started)
    }
}

/// Every process below `pid` (children, grandchildren, …), whichever thread forked it.
pub fn descendants(pid: u32) -> Vec<Process> {
    let mut found = Vec::new();
    let mut parents = vec![pid];
    while let Some(parent) = parents.pop() {
        let Ok(tasks) = std::fs::read_dir(format!("/proc/{parent}/task")) else {
            continue;
        };
        for task in tasks.flatten() {
            let children =
                std::fs::read_to_string(task.path().join("children")).unwrap_or_default();
            for child in children.split_whitespace().filter_map(|c| c.parse().ok()) {
                if let Some(process) = Process::read(child) {
                    parents.push(process.pid);
                    found.push(process);
                }
            }
        }
    }
    found
}
