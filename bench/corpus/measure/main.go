// Command measure opens a corpus the way the reader does and reports what the reader's
// user feels: time to the first document, time to the full index, the cost of loading
// documents, and memory (Go heap and the process's peak RSS).
//
//	go run ./bench/corpus/measure bench/out/corpus.jsonl
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/hashiya/hashiya/model"
)

func main() {
	loads := flag.Int("loads", 1000, "random documents to load after indexing (keep it small for .jsonl.gz)")
	summaries := flag.Bool("summaries", false, "also read every title and meta as the document picker does, keeping their search keys")
	flag.Parse()
	if flag.NArg() == 0 {
		log.Fatal("usage: measure [-loads N] PATH...")
	}
	t0 := time.Now()
	c, err := model.Open(flag.Args())
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()
	opened := time.Since(t0)
	d, err := c.Load(0)
	if err != nil {
		log.Fatal(err)
	}
	first := time.Since(t0)
	_, docs, read, total := c.Indexing()
	fmt.Printf("open:             %v (%d documents known, %.1f of %.1f MB scanned)\n", opened, docs, float64(read)/1e6, float64(total)/1e6)
	fmt.Printf("first document:   %v (%q, %s, %d code points)\n", first, d.ID, d.Lang, d.Text.Len())

	if err := c.Wait(context.Background()); err != nil {
		log.Fatal(err)
	}
	indexed := time.Since(t0)
	_, docs, _, total = c.Indexing()
	fmt.Printf("full index:       %v (%d documents, %.0f MB/s, %d warnings)\n", indexed, docs,
		float64(total)/1e6/indexed.Seconds(), len(c.Warnings()))

	// Random documents: each Load is a far jump (the cache holds 16 of 200,000).
	rng := rand.New(rand.NewPCG(1, 1))
	var took []time.Duration
	t1 := time.Now()
	for range *loads {
		t := time.Now()
		if _, err := c.Load(rng.IntN(docs)); err != nil {
			log.Fatal(err)
		}
		took = append(took, time.Since(t))
	}
	if len(took) > 0 {
		slices.Sort(took)
		fmt.Printf("random Load:      %v mean, median %v, p95 %v, worst %v (%d loads)\n", time.Since(t1)/time.Duration(len(took)),
			took[len(took)/2], took[len(took)*95/100], took[len(took)-1], len(took))
	}

	var keys []string // what the picker keeps: each document's key and title
	if *summaries {
		t2, cpu0 := time.Now(), cpuTime()
		keys = make([]string, 0, 2*docs)
		err := c.Summaries(context.Background(), 0, func(i int, s model.Summary) bool {
			keys = append(keys, model.SearchKey(c.Title(i)+" "+s.Title+" "+s.Meta), s.Title)
			return true
		})
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("titles and meta:  %v for %d documents (as the picker reads them), %v of CPU\n", time.Since(t2), len(keys)/2, cpuTime()-cpu0)
		runtime.GC()
		var live runtime.MemStats
		runtime.ReadMemStats(&live)
		fmt.Printf("live heap with the picker's keys and titles: %.1f MB\n", float64(live.HeapAlloc)/1e6)
	}

	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Printf("Go heap in use:   %.1f MB (Sys %.1f MB)\n", float64(ms.HeapInuse)/1e6, float64(ms.Sys)/1e6)
	fmt.Printf("peak RSS (VmHWM): %s\n", procStatus("VmHWM"))
	runtime.KeepAlive(keys)
}

// cpuTime is the user and system CPU time of the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// procStatus returns a field of /proc/self/status, such as "VmHWM", in MB.
func procStatus(field string) string {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return "unknown"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), field+":"); ok {
			var kb int64
			fmt.Sscan(strings.TrimSuffix(strings.TrimSpace(v), " kB"), &kb)
			return fmt.Sprintf("%.1f MB", float64(kb)*1024/1e6)
		}
	}
	return "unknown"
}
