;;; setup-keys.el

(global-set-key (kbd "C-x C-b") 'ibuffer)
(global-set-key (kbd "M-o") 'other-window)
(global-set-key (kbd "C-c M") 'mu4e)
(define-key global-map (kbd "C-c c") 'org-capture)

(provide 'setup-keys)
