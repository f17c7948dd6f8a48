(setq a "café λ 日本 😀")
(setq b 'été)
?λ
