(global-set-key (kbd "C-h") 'delete-backward-char)
