package layout

import (
	"bytes"
	"hash/maphash"
)

// segCache maps byte strings to segments without a pointer per entry: the keys are kept in
// one byte arena and the map holds their hashes, so the garbage collector has nothing to
// scan and storing a key allocates nothing. It is emptied when it holds maxSegments entries.
//
// In front of the map, a small direct-mapped table holds recently used keys of up to
// frontKeyLen bytes in place: most lookups are answered there, from memory the cache keeps
// close, without the map's and the arena's cache misses. A key always maps to the same
// segment, so neither table needs clearing when the other is.
type segCache struct {
	index map[uint64]int32 // hash of a key → its entry
	ents  []segEntry
	keys  []byte
	seed  maphash.Seed
	front *[frontSize]frontEntry
}

const (
	frontSize   = 2048
	frontKeyLen = 44
)

type frontEntry struct {
	hash uint64
	seg  segment
	n    int32 // key length; 0: empty
	key  [frontKeyLen]byte
}

func (c *segCache) remember(h uint64, key []byte, s segment) {
	if len(key) > frontKeyLen || len(key) == 0 {
		return
	}
	if c.front == nil {
		c.front = new([frontSize]frontEntry)
	}
	e := &c.front[h&(frontSize-1)]
	e.hash, e.seg, e.n = h, s, int32(len(key))
	copy(e.key[:], key)
}

type segEntry struct {
	off, len int32 // the key, in keys
	seg      segment
}

func (c *segCache) get(key []byte) (segment, bool) {
	if c.index == nil {
		return segment{}, false
	}
	h := maphash.Bytes(c.seed, key)
	if c.front != nil {
		if f := &c.front[h&(frontSize-1)]; f.hash == h && int(f.n) == len(key) && bytes.Equal(f.key[:f.n], key) {
			return f.seg, true
		}
	}
	k, ok := c.index[h]
	if !ok {
		return segment{}, false
	}
	e := &c.ents[k]
	if !bytes.Equal(c.keys[e.off:e.off+e.len], key) {
		return segment{}, false // another key with the same hash
	}
	c.remember(h, key, e.seg)
	return e.seg, true
}

func (c *segCache) put(key []byte, s segment) {
	if c.index == nil || len(c.ents) >= maxSegments {
		if c.index == nil {
			c.seed = maphash.MakeSeed()
		}
		c.index = make(map[uint64]int32, 1024)
		c.ents, c.keys = c.ents[:0], c.keys[:0]
	}
	h := maphash.Bytes(c.seed, key)
	if _, taken := c.index[h]; taken {
		return // keep the first key of a hash
	}
	c.remember(h, key, s)
	c.index[h] = int32(len(c.ents))
	c.ents = append(c.ents, segEntry{int32(len(c.keys)), int32(len(key)), s})
	c.keys = append(c.keys, key...)
}
