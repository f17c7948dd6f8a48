(autoload 'gnus-alias-determine-identity "gnus-alias" nil t)
(autoload 'gnus-alias-select-identity "gnus-alias" nil t)

(with-eval-after-load 'gnus-alias
  (setq gnus-alias-identity-alist
        '(("default" nil "Svenja Kohlhaas <svenja@kohlhaas.net>" nil nil nil nil)
          ("uni" nil "Svenja Kohlhaas <kohlhaas@uni-bremen.de>" nil
           (("Bcc" . "kohlhaas@uni-bremen.de")) nil nil)))
  (setq gnus-alias-default-identity "default"))

(add-hook 'message-setup-hook 'gnus-alias-determine-identity)
