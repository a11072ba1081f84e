package layout

import (
	"bytes"
	"hash/maphash"
)

// segCache maps byte strings to segments without a pointer per entry: the keys are kept in
// one byte arena and the map holds their hashes, so the garbage collector has nothing to
// scan and storing a key allocates nothing. It is emptied when it holds maxSegments entries.
type segCache struct {
	index map[uint64]int32 // hash of a key → its entry
	ents  []segEntry
	keys  []byte
	seed  maphash.Seed
}

type segEntry struct {
	off, len int32 // the key, in keys
	seg      segment
}

func (c *segCache) get(key []byte) (segment, bool) {
	if c.index == nil {
		return segment{}, false
	}
	k, ok := c.index[maphash.Bytes(c.seed, key)]
	if !ok {
		return segment{}, false
	}
	e := &c.ents[k]
	if !bytes.Equal(c.keys[e.off:e.off+e.len], key) {
		return segment{}, false // another key with the same hash
	}
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
	c.index[h] = int32(len(c.ents))
	c.ents = append(c.ents, segEntry{int32(len(c.keys)), int32(len(key)), s})
	c.keys = append(c.keys, key...)
}
