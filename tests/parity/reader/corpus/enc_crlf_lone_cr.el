(setq a "xy")
(setq b 2)
