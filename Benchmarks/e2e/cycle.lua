-- wrk script: request the paths listed in the file named by WRK_URLS in turn, so wrk's ceiling
-- is measured over the same pages `wirescore fetch` gets (not one hot page).
local paths = {}
for line in io.lines(os.getenv("WRK_URLS")) do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i + 1
  if i > #paths then i = 1 end
  return wrk.format("GET", paths[i])
end
